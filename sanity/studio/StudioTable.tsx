import { Box, Text } from '@sanity/ui'
import type { ReactNode } from 'react'

const CELL = { padding: '8px 6px', borderBottom: '1px solid var(--card-border-color)' } as const

/** A column's title; a numeric column is aligned right, so its digits line up. */
export type Column = { title: string; numeric?: boolean }

/** The Studio panels' tables (revenue by article, stock counts, stock changes): titles, then rows of Cells. */
export function StudioTable({
  columns,
  testId,
  children,
}: {
  columns: Column[]
  testId: string
  children: ReactNode
}) {
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid={testId}>
      <thead>
        <tr>
          {columns.map(({ title, numeric }) => (
            <th key={title} style={{ ...CELL, textAlign: numeric ? 'right' : 'left' }}>
              <Text size={1} weight="semibold">
                {title}
              </Text>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  )
}

/** One cell of a StudioTable row, in the panels' small type; `below` goes under it, smaller. */
export function Cell({
  numeric,
  muted,
  testId,
  below,
  children,
}: {
  numeric?: boolean
  muted?: boolean
  testId?: string
  below?: ReactNode
  children: ReactNode
}) {
  return (
    <td style={{ ...CELL, textAlign: numeric ? 'right' : 'left' }} data-testid={testId}>
      <Text size={1} muted={muted}>
        {children}
      </Text>
      {below && (
        <Box marginTop={2}>
          <Text size={0} muted>
            {below}
          </Text>
        </Box>
      )}
    </td>
  )
}

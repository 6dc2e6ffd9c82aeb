'use client'

import { Box, Stack, Text } from '@sanity/ui'
import { useEffect, useState } from 'react'
import { useClient } from 'sanity'
import { API_VERSION } from '../api-version'
import { REVENUE_BY_ARTICLE_QUERY } from '../queries'
import { PanelError, PanelLoading } from './PanelState'
import { Cell, StudioTable } from './StudioTable'
import type { REVENUE_BY_ARTICLE_QUERY_RESULT } from '../types'

const money = (cents: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100)

/** Units and revenue per article, from the article recorded on each paid order line. */
export function RevenueByArticle() {
  const client = useClient({ apiVersion: API_VERSION })
  const [rows, setRows] = useState<REVENUE_BY_ARTICLE_QUERY_RESULT | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    const subscription = client.observable
      .fetch(REVENUE_BY_ARTICLE_QUERY, {}, { perspective: 'published' })
      .subscribe({
        next: setRows,
        error: (e: Error) => setError(e.message),
      })
    return () => subscription.unsubscribe()
  }, [client])

  if (error) return <PanelError message={error} />
  if (!rows) return <PanelLoading />
  const total = rows.reduce((sum, row) => sum + row.revenue, 0)
  return (
    <Box padding={4}>
      <Stack space={4}>
        <Text size={1} muted>
          Paid orders, attributed to the article each item was added to the cart from.
        </Text>
        <StudioTable
          testId="revenue-table"
          columns={[
            { title: 'Article' },
            { title: 'Units', numeric: true },
            { title: 'Revenue', numeric: true },
          ]}
        >
          {rows.map((row) => (
            <tr key={row._id}>
              <Cell>{row.title}</Cell>
              <Cell numeric>{row.units}</Cell>
              <Cell numeric>{money(row.revenue)}</Cell>
            </tr>
          ))}
        </StudioTable>
        <Text size={1} weight="semibold">
          Total attributed revenue: {money(total)}
        </Text>
      </Stack>
    </Box>
  )
}

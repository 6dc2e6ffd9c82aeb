import { Heading, Stack, Text } from '@sanity/ui'
import type { StudioStock } from '../../../lib/studio/stock'
import { CELL } from './cells'

/** The product's latest restocks and corrections, each variant by its title. */
export function StockHistory({ stock }: { stock: StudioStock }) {
  const titles = new Map(stock.variants.map((v) => [v.key, v.title ?? v.key]))
  return (
    <Stack gap={3}>
      <Heading size={0} as="h3">
        Recent changes
      </Heading>
      {stock.changes.length === 0 ? (
        <Text size={1} muted>
          No restocks or corrections yet.
        </Text>
      ) : (
        <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="stock-history">
          <thead>
            <tr>
              {['When', 'Variant', 'Change', 'On hand', 'Who', 'Note'].map((h) => (
                <th key={h} style={{ ...CELL, textAlign: 'left' }}>
                  <Text size={1} weight="semibold">
                    {h}
                  </Text>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {stock.changes.map((change) => (
              <tr key={change.id}>
                <td style={CELL}>
                  <Text size={1}>{new Date(change.createdAt).toLocaleString()}</Text>
                </td>
                <td style={CELL}>
                  <Text size={1}>{titles.get(change.variantKey) ?? change.variantKey}</Text>
                </td>
                <td style={CELL}>
                  <Text size={1}>{change.kind === 'restock' ? 'Restock' : 'Correction'}</Text>
                </td>
                <td style={CELL}>
                  <Text size={1}>
                    {change.fromOnHand} → {change.toOnHand}
                  </Text>
                </td>
                <td style={CELL}>
                  <Text size={1}>{change.editor}</Text>
                </td>
                <td style={CELL}>
                  <Text size={1} muted>
                    {change.note ?? ''}
                  </Text>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Stack>
  )
}

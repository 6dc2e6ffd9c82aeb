import { Heading, Stack, Text } from '@sanity/ui'
import type { StudioStock } from '../../../lib/studio/stock'
import { Cell, StudioTable } from '../StudioTable'

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
        <StudioTable
          testId="stock-history"
          columns={['When', 'Variant', 'Change', 'On hand', 'Who', 'Note'].map((title) => ({
            title,
          }))}
        >
          {stock.changes.map((change) => (
            <tr key={change.id}>
              <Cell>{new Date(change.createdAt).toLocaleString()}</Cell>
              <Cell>{titles.get(change.variantKey) ?? change.variantKey}</Cell>
              <Cell>{change.kind === 'restock' ? 'Restock' : 'Correction'}</Cell>
              <Cell>
                {change.fromOnHand} → {change.toOnHand}
              </Cell>
              <Cell>{change.editor}</Cell>
              <Cell muted>{change.note ?? ''}</Cell>
            </tr>
          ))}
        </StudioTable>
      )}
    </Stack>
  )
}

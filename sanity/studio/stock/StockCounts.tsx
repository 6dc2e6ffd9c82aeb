import type { StudioStock } from '../../../lib/studio/stock'
import { Cell, StudioTable } from '../StudioTable'

const COUNTS = ['onHand', 'held', 'sold', 'available'] as const
const COUNT_TITLES = { onHand: 'On hand', held: 'Held', sold: 'Sold', available: 'Available' }

/** Each published variant's counts, one row per variant. */
export function StockCounts({ variants }: { variants: StudioStock['variants'] }) {
  return (
    <StudioTable
      testId="stock-table"
      columns={[
        { title: 'Variant' },
        ...COUNTS.map((c) => ({ title: COUNT_TITLES[c], numeric: true })),
      ]}
    >
      {variants.map((variant) => (
        <tr key={variant.key} data-testid={`stock-row-${variant.key}`}>
          <Cell below={variant.sku}>{variant.title ?? variant.key}</Cell>
          {COUNTS.map((count) => (
            <Cell key={count} numeric testId={`stock-${count}`}>
              {variant[count]}
            </Cell>
          ))}
        </tr>
      ))}
    </StudioTable>
  )
}

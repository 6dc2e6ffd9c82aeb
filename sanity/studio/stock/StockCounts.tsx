import { Box, Text } from '@sanity/ui'
import type { StudioStock } from '../../../lib/studio/stock'
import { CELL } from './cells'

const COUNTS = ['onHand', 'held', 'sold', 'available'] as const
const COUNT_TITLES = { onHand: 'On hand', held: 'Held', sold: 'Sold', available: 'Available' }

/** Each published variant's counts, one row per variant. */
export function StockCounts({ variants }: { variants: StudioStock['variants'] }) {
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="stock-table">
      <thead>
        <tr>
          {['Variant', ...COUNTS.map((c) => COUNT_TITLES[c])].map((h, i) => (
            <th key={h} style={{ ...CELL, textAlign: i === 0 ? 'left' : 'right' }}>
              <Text size={1} weight="semibold">
                {h}
              </Text>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {variants.map((variant) => (
          <tr key={variant.key} data-testid={`stock-row-${variant.key}`}>
            <td style={CELL}>
              <Text size={1}>{variant.title ?? variant.key}</Text>
              {variant.sku && (
                <Box marginTop={2}>
                  <Text size={0} muted>
                    {variant.sku}
                  </Text>
                </Box>
              )}
            </td>
            {COUNTS.map((count) => (
              <td
                key={count}
                style={{ ...CELL, textAlign: 'right' }}
                data-testid={`stock-${count}`}
              >
                <Text size={1}>{variant[count]}</Text>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

import { z } from 'zod'
import { formatMoney } from '../money'
import type { PricedCart } from './pricing'

/**
 * What the buyer's cart showed, sent with the checkout: the cart is shown from the content cache,
 * checkout charges the lake's current price, and a buyer must not pay a price they were not shown.
 * Only compared, never charged: the server's price is the one used.
 */
export const checkoutRequest = z
  .object({
    shown: z
      .array(
        z.object({
          productId: z.string().min(1).max(200),
          variantKey: z.string().min(1).max(200),
          unitAmount: z.number().int().min(0).max(100_000_000),
        }),
      )
      .max(100),
  })
  .partial()
  .default({})

export type ShownPrice = NonNullable<z.output<typeof checkoutRequest>['shown']>[number]

/** The lines whose price now differs from the one shown, as sentences for the buyer. */
export function priceChanges(shown: readonly ShownPrice[], priced: PricedCart): string[] {
  return priced.lines.flatMap((line) => {
    const seen = shown.find(
      (s) => s.productId === line.productId && s.variantKey === line.variantKey,
    )
    if (!seen || line.status === 'unavailable' || seen.unitAmount === line.unitAmount) return []
    const name = line.variantTitle ? `${line.title} (${line.variantTitle})` : line.title
    return [
      `${name} is now ${formatMoney(line.unitAmount, line.currency)}, not ${formatMoney(seen.unitAmount, line.currency)}.`,
    ]
  })
}

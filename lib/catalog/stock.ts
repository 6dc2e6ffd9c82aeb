export type StockState =
  { kind: 'in_stock' } | { kind: 'low'; left: number } | { kind: 'sold_out' } | { kind: 'unknown' }

/**
 * `lowStockThreshold` comes from the store settings: at or below it, a product shows "Only N left".
 * `null` means the stock could not be read (the database is unreachable): say nothing rather than "sold out".
 */
export function stockState(
  available: number | null | undefined,
  lowStockThreshold: number,
): StockState {
  if (available === null || available === undefined) return { kind: 'unknown' }
  const units = Math.max(0, available)
  if (units === 0) return { kind: 'sold_out' }
  if (units <= lowStockThreshold) return { kind: 'low', left: units }
  return { kind: 'in_stock' }
}

/** A variant that cannot be bought now; one whose stock is unknown is offered (the checkout checks again). */
export const isSoldOut = (variant: { available: number | null }) =>
  variant.available !== null && variant.available <= 0

type Priced = { priceCents: number | null; currency: string | null }

/** What a product card shows: its lowest price, and whether prices vary. */
export function productSummary(variants: Priced[] | null | undefined) {
  const list = variants ?? []
  const prices = list.map((v) => v.priceCents ?? 0)
  return {
    fromPrice: prices.length > 0 ? Math.min(...prices) : null,
    currency: list[0]?.currency ?? 'usd',
    hasRange: new Set(prices).size > 1,
  }
}

/** Units available across variants; null when any is unknown. */
export function totalAvailable(variants: Array<{ available: number | null }>) {
  if (variants.some((v) => v.available === null)) return null
  return variants.reduce((sum, v) => sum + Math.max(0, v.available ?? 0), 0)
}

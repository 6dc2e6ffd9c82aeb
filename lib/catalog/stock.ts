export type StockState = { kind: 'in_stock' } | { kind: 'low'; left: number } | { kind: 'sold_out' }

/** `lowStockThreshold` comes from the store settings: at or below it, a product shows "Only N left". */
export function stockState(available: number | null | undefined, lowStockThreshold: number): StockState {
  const units = Math.max(0, available ?? 0)
  if (units === 0) return { kind: 'sold_out' }
  if (units <= lowStockThreshold) return { kind: 'low', left: units }
  return { kind: 'in_stock' }
}

type VariantLike = { priceCents: number | null; currency: string | null; available: number | null }

/** What a product card shows: its lowest price and whether any variant can be bought. */
export function productSummary(variants: VariantLike[] | null | undefined) {
  const list = variants ?? []
  const prices = list.map((v) => v.priceCents ?? 0)
  const available = list.reduce((sum, v) => sum + Math.max(0, v.available ?? 0), 0)
  return {
    fromPrice: prices.length > 0 ? Math.min(...prices) : null,
    currency: list[0]?.currency ?? 'usd',
    hasRange: new Set(prices).size > 1,
    available,
  }
}

import { formatMoney } from '../money'

type PricedVariant = {
  _key: string
  title: string | null
  sku?: string | null
  priceCents: number | null
  currency: string | null
  available: number | null
}

/**
 * A variant as the add-to-cart controls need it, its price already written out. Formatted on the
 * server: the browser's first `Intl.NumberFormat` costs over 100 ms of a throttled phone's main
 * thread while the page hydrates (measured with a CPU profile of the article page).
 */
export type SellableVariant = {
  _key: string
  title: string | null
  sku: string | null
  price: string
  available: number | null
}

export function sellable(variants: PricedVariant[] | null | undefined): SellableVariant[] {
  return (variants ?? []).map((v) => ({
    _key: v._key,
    title: v.title,
    sku: v.sku ?? null,
    price: formatMoney(v.priceCents ?? 0, v.currency ?? 'usd'),
    available: v.available,
  }))
}

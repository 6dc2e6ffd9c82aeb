import 'server-only'
import type Stripe from 'stripe'
import type { TaxSettings } from '../env'
import type { ShippingRate } from '../store-settings'

export type ShippingQuote = ShippingRate & { amount: number }

/** Each rate's price for goods worth `goodsCents` (after discounts): free from its threshold. */
export function quoteShipping(rates: ShippingRate[], goodsCents: number): ShippingQuote[] {
  return rates.map((rate) => ({
    ...rate,
    amount: rate.freeFromCents !== null && goodsCents >= rate.freeFromCents ? 0 : rate.amountCents,
  }))
}

/**
 * The quotes as Stripe Checkout's `shipping_options`, computed here so Stripe charges what we
 * quoted; with Stripe Tax on, each rate says how it counts tax and carries shipping's tax code.
 */
export function shippingOptions(
  quotes: ShippingQuote[],
  currency: string,
  tax: TaxSettings | null,
): Stripe.Checkout.SessionCreateParams.ShippingOption[] {
  return quotes.map((quote) => ({
    shipping_rate_data: {
      type: 'fixed_amount',
      display_name: quote.title,
      fixed_amount: { amount: quote.amount, currency },
      delivery_estimate: {
        minimum: { unit: 'business_day', value: quote.minDays },
        maximum: { unit: 'business_day', value: quote.maxDays },
      },
      metadata: { rateKey: quote._key },
      ...(tax ? { tax_behavior: tax.behavior, tax_code: tax.shippingTaxCode } : {}),
    },
  }))
}

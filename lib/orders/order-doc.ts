import { createHash } from 'node:crypto'
import type Stripe from 'stripe'
import type { orderLines, orders } from '../db/schema'

export const orderIdFor = (sessionId: string) => `order-${sessionId}`

/** A short number a buyer can read out on the phone, derived from the session so it never changes. */
function orderNumberFor(sessionId: string) {
  return `RW-${createHash('sha256').update(sessionId).digest('hex').slice(0, 8).toUpperCase()}`
}

export type OrderRow = typeof orders.$inferInsert
export type OrderLineRow = typeof orderLines.$inferInsert

/**
 * What was charged, line by line, as Stripe reports it; titles and ids travel in the product's
 * metadata, set by the checkout. A line's amount is after its discount and without tax, which is
 * the shop's to pass on, not revenue (Stripe's `amount_total` adds exclusive tax, contains inclusive).
 */
export function paidLines(orderId: string, items: Stripe.LineItem[]): OrderLineRow[] {
  return items.map((item, position) => {
    const product = item.price?.product as Stripe.Product
    const meta = product?.metadata ?? {}
    return {
      orderId,
      position,
      productId: meta.productId ?? '',
      variantKey: meta.variantKey ?? '',
      title: meta.title || product?.name || item.description || '',
      variantTitle: meta.variantTitle || null,
      sku: meta.sku || null,
      quantity: item.quantity ?? 0,
      unitAmount: item.price?.unit_amount ?? 0,
      amount: item.amount_total - (item.amount_tax ?? 0),
      articleId: meta.articleId || null,
    }
  })
}

export function orderRow(
  session: Stripe.Checkout.Session,
  status: 'paid' | 'refund_pending',
  note?: string,
): OrderRow {
  const shipping = session.collected_information?.shipping_details
  const rate = session.shipping_cost?.shipping_rate
  return {
    id: orderIdFor(session.id),
    sessionId: session.id,
    orderNumber: orderNumberFor(session.id),
    status,
    note: note ?? null,
    email: session.customer_details?.email ?? null,
    cartId: session.metadata?.cartId ?? null,
    paymentIntentId:
      typeof session.payment_intent === 'string'
        ? session.payment_intent
        : (session.payment_intent?.id ?? null),
    currency: session.currency ?? 'usd',
    amountSubtotal: session.amount_subtotal ?? 0,
    amountDiscount: session.total_details?.amount_discount ?? 0,
    amountShipping: session.total_details?.amount_shipping ?? 0,
    amountTax: session.total_details?.amount_tax ?? 0,
    amountTotal: session.amount_total ?? 0,
    shippingMethod: rate && typeof rate === 'object' ? rate.display_name : null,
    shippingAddress: shipping
      ? {
          name: shipping.name ?? null,
          line1: shipping.address.line1 ?? null,
          line2: shipping.address.line2 ?? null,
          city: shipping.address.city ?? null,
          state: shipping.address.state ?? null,
          postalCode: shipping.address.postal_code ?? null,
          country: shipping.address.country ?? null,
        }
      : null,
    promotionId: session.metadata?.promotionId || null,
    promotionCode: session.metadata?.promotionCode || null,
  }
}

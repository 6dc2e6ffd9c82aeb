import { createHash } from 'node:crypto'
import type Stripe from 'stripe'

export const orderIdFor = (sessionId: string) => `order-${sessionId}`

/** A short number a buyer can read out on the phone, derived from the session so it never changes. */
export function orderNumberFor(sessionId: string) {
  return `RW-${createHash('sha256').update(sessionId).digest('hex').slice(0, 8).toUpperCase()}`
}

export type PaidLine = {
  productId: string
  variantKey: string
  quantity: number
  title: string
  sku: string | null
  unitAmount: number
  amount: number
  articleId: string | null
}

/** What was charged, line by line, as Stripe reports it (product ids ride in the product metadata). */
export function paidLines(items: Stripe.LineItem[]): PaidLine[] {
  return items.map((item) => {
    const product = item.price?.product as Stripe.Product
    const meta = product?.metadata ?? {}
    return {
      productId: meta.productId ?? '',
      variantKey: meta.variantKey ?? '',
      quantity: item.quantity ?? 0,
      title: item.description ?? product?.name ?? '',
      sku: meta.sku ?? null,
      unitAmount: item.price?.unit_amount ?? 0,
      amount: item.amount_total,
      articleId: meta.articleId || null,
    }
  })
}

/** The confirmation email starts in the outbox, due now; the sender takes it from there. */
export const pendingEmail = (now = new Date()) => ({ status: 'pending', attempts: 0, nextAttemptAt: now.toISOString() })

export function buildOrder(session: Stripe.Checkout.Session, lines: PaidLine[], status: 'paid' | 'refund_pending', note?: string) {
  const shipping = session.collected_information?.shipping_details
  const rate = session.shipping_cost?.shipping_rate
  const promotionId = session.metadata?.promotionId
  return {
    _id: orderIdFor(session.id),
    _type: 'order',
    orderNumber: orderNumberFor(session.id),
    stripeSessionId: session.id,
    paymentIntentId: typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null),
    email: session.customer_details?.email ?? null,
    cartId: session.metadata?.cartId ?? null,
    status,
    ...(note ? { note } : {}),
    currency: session.currency,
    amountSubtotal: session.amount_subtotal,
    amountDiscount: session.total_details?.amount_discount ?? 0,
    amountShipping: session.total_details?.amount_shipping ?? 0,
    amountTotal: session.amount_total,
    shippingMethod: rate && typeof rate === 'object' ? rate.display_name : null,
    ...(promotionId
      ? { promotion: { code: session.metadata?.promotionCode ?? null, ref: { _type: 'reference', _ref: promotionId, _weak: true } } }
      : {}),
    shippingAddress: shipping
      ? {
          name: shipping.name,
          line1: shipping.address.line1,
          line2: shipping.address.line2,
          city: shipping.address.city,
          state: shipping.address.state,
          postalCode: shipping.address.postal_code,
          country: shipping.address.country,
        }
      : null,
    lines: lines.map((line, i) => ({
      _key: `l${i}`,
      _type: 'orderLine',
      product: { _type: 'reference', _ref: line.productId, _weak: true },
      variantKey: line.variantKey,
      title: line.title.split(' — ')[0],
      variantTitle: line.title.split(' — ')[1] ?? null,
      sku: line.sku,
      quantity: line.quantity,
      unitAmount: line.unitAmount,
      amount: line.amount,
      ...(line.articleId ? { article: { _type: 'reference', _ref: line.articleId, _weak: true } } : {}),
    })),
    createdAt: new Date().toISOString(),
    // Only a paid order is confirmed by email; a refunded one is explained by the refund itself.
    ...(status === 'paid' ? { confirmationEmail: pendingEmail() } : {}),
  }
}

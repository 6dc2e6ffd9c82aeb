import 'server-only'
import { eq } from 'drizzle-orm'
import { writeClient } from '../content/client'
import { db } from '../db/client'
import { orderLines, orders } from '../db/schema'
import { ORDER_MIRROR_STATE_QUERY } from '@/sanity/queries'
import type { OrderLineRow, OrderRow } from './order-doc'

const ref = (id: string) => ({ _type: 'reference', _ref: id, _weak: true })

/**
 * The mirror's id sits under a path (`orders.…`): Sanity never serves such documents without a
 * token, so orders stay private even in a public dataset.
 */
const mirrorIdFor = (orderId: string) => `orders.${orderId}`

/** The read-only `order` document editors see in the Studio (Orders, Revenue by article), from the record in PostgreSQL. */
function orderDocument(order: OrderRow, lines: OrderLineRow[], createdAt: Date, recordedAt: Date) {
  return {
    _id: mirrorIdFor(order.id),
    _type: 'order',
    orderNumber: order.orderNumber,
    stripeSessionId: order.sessionId,
    paymentIntentId: order.paymentIntentId ?? null,
    email: order.email ?? null,
    hasAccount: Boolean(order.accountId),
    emailStatus: order.emailStatus ?? 'pending',
    status: order.status,
    ...(order.note ? { note: order.note } : {}),
    currency: order.currency,
    amountSubtotal: order.amountSubtotal,
    amountDiscount: order.amountDiscount ?? 0,
    amountShipping: order.amountShipping ?? 0,
    amountTax: order.amountTax ?? 0,
    amountTotal: order.amountTotal,
    amountRefunded: order.amountRefunded ?? 0,
    shippingMethod: order.shippingMethod ?? null,
    ...(order.promotionId
      ? { promotion: { code: order.promotionCode ?? null, ref: ref(order.promotionId) } }
      : {}),
    shippingAddress: order.shippingAddress ?? null,
    lines: lines.map((line) => ({
      _key: `l${line.position}`,
      _type: 'orderLine',
      product: ref(line.productId),
      variantKey: line.variantKey,
      title: line.title,
      variantTitle: line.variantTitle ?? null,
      sku: line.sku ?? null,
      quantity: line.quantity,
      unitAmount: line.unitAmount,
      amount: line.amount,
      ...(line.articleId ? { article: ref(line.articleId) } : {}),
    })),
    createdAt: createdAt.toISOString(),
    recordedAt: recordedAt.toISOString(),
  }
}

/**
 * Writes the order's mirror into the lake: one mutation, the whole order as it is now. Run from
 * the outbox, so it is retried until it lands; the record in PostgreSQL stays the truth meanwhile.
 */
export async function mirrorOrder(orderId: string) {
  const [order] = await db().select().from(orders).where(eq(orders.id, orderId))
  if (!order) return
  const lines = await db()
    .select()
    .from(orderLines)
    .where(eq(orderLines.orderId, orderId))
    .orderBy(orderLines.position)
  const doc = orderDocument(order, lines, order.createdAt, order.updatedAt)
  // A job retried after its worker died may find its write already made: a read, not a second mutation.
  const current = await writeClient().fetch(
    ORDER_MIRROR_STATE_QUERY,
    { id: doc._id },
    { cache: 'no-store' },
  )
  if (current?.status === doc.status && current?.recordedAt === doc.recordedAt) return
  await writeClient().createOrReplace(doc, { visibility: 'sync' })
}

/**
 * Whether anyone without a token can read orders from the dataset: a public dataset (Sanity's
 * free plan) serves every root-path document, so a mirror written before orders moved under
 * `orders.` would be readable. Checked at start in real mode; the answer is logged.
 */
export async function anonymousOrderCount() {
  return writeClient()
    .withConfig({ token: undefined, useCdn: false })
    .fetch<number>('count(*[_type == "order"])', {}, { cache: 'no-store' })
}

import 'server-only'
import { and, eq, ne } from 'drizzle-orm'
import type Stripe from 'stripe'
import { db } from '../db/client'
import { orders } from '../db/schema'
import { enqueue } from './outbox/queue'

type Status = (typeof orders.$inferSelect)['status']
export type PaymentChange = 'updated' | 'unchanged' | 'ignored'

const intentOf = (value: string | { id: string } | null) =>
  typeof value === 'string' ? value : (value?.id ?? null)

/**
 * Sets what Stripe reports on the order paid with this payment intent, and rewrites its mirror, in
 * one transaction. An intent with no order is another store's (or a Payment Link's): ignored. An
 * order whose shortage refund the store is making itself is left to that (fulfil.ts), which
 * would otherwise find its status changed and never email the buyer.
 */
async function changeOrder(
  paymentIntent: string | null,
  change: (order: typeof orders.$inferSelect) => Partial<typeof orders.$inferInsert> | null,
) {
  if (!paymentIntent) return 'ignored'
  return db().transaction(async (tx): Promise<PaymentChange> => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(and(eq(orders.paymentIntentId, paymentIntent), ne(orders.status, 'refund_pending')))
      .for('update')
    if (!order) return 'ignored'
    const next = change(order)
    if (
      !next ||
      Object.entries(next).every(([key, value]) => order[key as keyof typeof order] === value)
    )
      return 'unchanged'
    await tx
      .update(orders)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(orders.id, order.id))
    await enqueue(tx, 'order_mirror', order.id)
    return 'updated'
  })
}

/** A refund, from the Dashboard or the store's own: the order shows how much went back. */
export const chargeRefunded = (charge: Stripe.Charge) =>
  changeOrder(intentOf(charge.payment_intent), (order) => ({
    amountRefunded: charge.amount_refunded,
    // A dispute outranks a refund: what the bank decides is what the shop must see.
    status:
      order.status === 'disputed' || order.status === 'dispute_lost'
        ? order.status
        : charge.refunded
          ? 'refunded'
          : 'partially_refunded',
  }))

/** A buyer disputed the charge with their bank: the shop should hold the shipment and answer in the Dashboard. */
export const disputeOpened = (dispute: Stripe.Dispute) =>
  changeOrder(intentOf(dispute.payment_intent), () => ({
    status: 'disputed',
    note: `Disputed: ${dispute.reason}`,
  }))

/** Closed: lost, the money is gone; won (or a closed inquiry), the order stands as it did. */
export const disputeClosed = (dispute: Stripe.Dispute) =>
  changeOrder(intentOf(dispute.payment_intent), (order) => {
    if (dispute.status === 'lost')
      return { status: 'dispute_lost', note: `Dispute lost: ${dispute.reason}` }
    const standing: Status =
      order.amountRefunded === 0
        ? 'paid'
        : order.amountRefunded >= order.amountTotal
          ? 'refunded'
          : 'partially_refunded'
    return {
      status: standing,
      note: `Dispute ${dispute.status === 'won' ? 'won' : 'closed'}: ${dispute.reason}`,
    }
  })

import 'server-only'
import { and, eq, sql, TransactionRollbackError } from 'drizzle-orm'
import type Stripe from 'stripe'
import { db } from '../db/client'
import { holds, orderLines, orders } from '../db/schema'
import { attachOrder } from '../accounts/claim'
import { discardSessionCoupon } from '../checkout/coupons'
import { keepHoldUntilSettled, releaseHold } from '../checkout/holds'
import { ignoreSession, knownSession, namesAnotherStore, ownSession } from '../checkout/sessions'
import { sellFreeUnits, sellHeldUnits, type Shortfall } from '../inventory/units'
import { stripe } from '../payments/stripe'
import { redeemUse } from '../promotions/uses'
import { enqueue } from './outbox/queue'
import { chargeRefunded, disputeClosed, disputeOpened, type PaymentChange } from './payment-changes'
import { orderIdFor, orderRow, paidLines } from './order-doc'

export type Outcome =
  | 'created'
  | 'duplicate'
  | 'awaiting_payment'
  | 'released'
  | 'nothing_to_release'
  | 'refunded'
  | 'ignored'
  | PaymentChange

/** Whether handling recorded or changed an order, whose follow-up work (email, mirror) is then due now. */
export const changedOrder = (outcome: Outcome) => outcome === 'created' || outcome === 'refunded'

async function lineItems(sessionId: string): Promise<Stripe.LineItem[]> {
  const items: Stripe.LineItem[] = []
  for await (const item of stripe().checkout.sessions.listLineItems(sessionId, {
    limit: 100,
    expand: ['data.price.product'],
  }))
    items.push(item)
  return items
}

const findOrder = async (sessionId: string) =>
  (await db().select().from(orders).where(eq(orders.sessionId, sessionId)))[0] ?? null

/**
 * Turns a paid Checkout Session into an order, in one PostgreSQL transaction with the stock: the
 * hold becomes a sale. If the hold was already released (the session expired first), the units
 * are taken from what is available; if there are not enough, the order is recorded and the
 * payment refunded. Safe to run any number of times, in any order, concurrently (the webhook and
 * the success page both call it): the order's key is the session id, so it is written once.
 */
export async function fulfilSession(sessionId: string): Promise<Outcome> {
  // Most redeliveries find their order already written: answer them without asking Stripe.
  const recorded = await findOrder(sessionId)
  if (recorded) return settleRecorded(recorded)
  // Another store's session is not worth a call to Stripe.
  if (!(await knownSession(sessionId))) return ignoreSession(sessionId, 'fulfilment of')
  const session = await stripe().checkout.sessions.retrieve(sessionId, {
    expand: ['shipping_cost.shipping_rate'],
  })
  if (namesAnotherStore(session)) return ignoreSession(sessionId, 'fulfilment of')
  if (session.status !== 'complete') return 'awaiting_payment'
  if (session.payment_status === 'unpaid') {
    // A bank debit is settling (days): its stock and code use stay held until Stripe says how it ended.
    await keepHoldUntilSettled(session.id)
    return 'awaiting_payment'
  }
  // `no_payment_required` (a free order) is as complete as `paid`.
  const lines = paidLines(orderIdFor(session.id), await lineItems(sessionId))

  const written = await db().transaction(async (tx) => {
    const [order] = await tx
      .insert(orders)
      .values(orderRow(session, 'paid'))
      .onConflictDoNothing()
      .returning()
    if (!order) return null // another delivery recorded it a moment ago
    await tx.insert(orderLines).values(lines)
    await attachOrder(tx, order.id, session.metadata?.accountId, order.email)
    const [hold] = await tx
      .update(holds)
      .set({ status: 'completed' })
      .where(and(eq(holds.sessionId, session.id), eq(holds.status, 'open')))
      .returning()
    let short: Shortfall = null
    if (hold) await sellHeldUnits(tx, hold.lines)
    else {
      // Nobody holds these units any more: sell them only if they are there, all or none.
      await tx
        .transaction(async (attempt) => {
          short = await sellFreeUnits(attempt, lines)
          if (short) attempt.rollback()
        })
        .catch((error) => {
          if (!(error instanceof TransactionRollbackError)) throw error
        })
    }
    const shortOf = short as Shortfall
    if (shortOf) {
      const title = lines.find(
        (l) => l.productId === shortOf.line.productId && l.variantKey === shortOf.line.variantKey,
      )?.title
      await tx
        .update(orders)
        .set({
          status: 'refund_pending',
          note: `Sold out while paying: ${title ?? shortOf.line.productId}`,
        })
        .where(eq(orders.id, order.id))
    } else if (order.promotionId) {
      // The use is counted with the order; a session paid after its hold lapsed still counts, since the buyer got the discount.
      await redeemUse(tx, order.promotionId, Boolean(hold?.promotionId === order.promotionId))
    }
    // Its mirror for the Studio, and (for a paid order) its confirmation, happen after the commit, reliably.
    await enqueue(tx, 'order_mirror', order.id)
    if (!shortOf) await enqueue(tx, 'order_email', order.id)
    return { id: order.id, refund: Boolean(shortOf) }
  })
  if (!written) return settleRecorded((await findOrder(sessionId))!) // recorded concurrently a moment ago
  return written.refund ? refund(session) : 'created'
}

/** An order already recorded: nothing to do, unless its refund was interrupted. */
async function settleRecorded(order: typeof orders.$inferSelect): Promise<Outcome> {
  if (order.status === 'refund_pending')
    return refund(await stripe().checkout.sessions.retrieve(order.sessionId))
  return 'duplicate'
}

/** Refunds a paid session whose goods sold out meanwhile; the key makes a repeated call refund once. */
async function refund(session: Stripe.Checkout.Session): Promise<Outcome> {
  const paymentIntent =
    typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id
  if (paymentIntent) {
    await stripe().refunds.create(
      { payment_intent: paymentIntent, reason: 'requested_by_customer' },
      { idempotencyKey: `refund-${session.id}` },
    )
  }
  await db().transaction(async (tx) => {
    const [changed] = await tx
      .update(orders)
      .set({
        status: 'refunded',
        amountRefunded: sql`${orders.amountTotal}`,
        updatedAt: new Date(),
      })
      .where(and(eq(orders.sessionId, session.id), eq(orders.status, 'refund_pending')))
      .returning({ id: orders.id })
    if (!changed) return
    await enqueue(tx, 'refund_email', changed.id)
    await enqueue(tx, 'order_mirror', changed.id)
  })
  return 'refunded'
}

/**
 * Gives back the stock held for a session that expired or whose payment failed. Idempotent. A
 * failed payment's buyer is told (queued with the release, so once).
 */
async function releaseSession(
  session: Pick<Stripe.Checkout.Session, 'id' | 'metadata'>,
  paymentFailed = false,
): Promise<Outcome> {
  const own = await ownSession(session, 'release of')
  if (!own) return 'ignored'
  const released = await releaseHold(
    own.holdId,
    session.id,
    paymentFailed ? (tx) => enqueue(tx, 'payment_failed_email', session.id) : undefined,
  )
  return released ? 'released' : 'nothing_to_release'
}

/** A session of ours that completed or expired has no more use for its coupon. */
async function withoutCoupon(session: Stripe.Checkout.Session, outcome: Outcome) {
  if (outcome !== 'ignored') await discardSessionCoupon(session)
  return outcome
}

/** Routes a verified Stripe event to its handler. */
export async function handleStripeEvent(event: Stripe.Event): Promise<Outcome> {
  switch (event.type) {
    case 'checkout.session.completed':
      return withoutCoupon(event.data.object, await fulfilSession(event.data.object.id))
    case 'checkout.session.async_payment_succeeded':
      return fulfilSession(event.data.object.id)
    case 'checkout.session.expired':
      return withoutCoupon(event.data.object, await releaseSession(event.data.object))
    case 'checkout.session.async_payment_failed':
      return releaseSession(event.data.object, true)
    // Made in the Dashboard (or the store's own refund, reported back): the order and its mirror follow.
    case 'charge.refunded':
      return chargeRefunded(event.data.object)
    case 'charge.dispute.created':
      return disputeOpened(event.data.object)
    case 'charge.dispute.closed':
      return disputeClosed(event.data.object)
    default:
      return 'ignored'
  }
}

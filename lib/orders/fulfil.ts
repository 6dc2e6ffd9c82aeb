import type Stripe from 'stripe'
import { writeClient } from '../content/client'
import { backoff, commitUnlessConflict, loadStock, stockPatches } from '../content/stock'
import { getReservation, releaseStock } from '../checkout/reservation'
import { stripe } from '../payments/stripe'
import { loadPromotion, movePromotionCounters } from '../promotions/store'
import { ORDER_EXISTS_QUERY } from '@/sanity/queries'
import { buildOrder, orderIdFor, paidLines, type PaidLine } from './order-doc'

const MAX_ROUNDS = 40

export type Outcome = 'created' | 'duplicate' | 'awaiting_payment' | 'released' | 'nothing_to_release' | 'refunded' | 'ignored'

const getOrder = (sessionId: string) => writeClient().fetch(ORDER_EXISTS_QUERY, { id: orderIdFor(sessionId) }, { cache: 'no-store' })

async function lineItems(sessionId: string): Promise<Stripe.LineItem[]> {
  const items: Stripe.LineItem[] = []
  for await (const item of stripe().checkout.sessions.listLineItems(sessionId, { limit: 100, expand: ['data.price.product'] }))
    items.push(item)
  return items
}

/**
 * Turns a paid Checkout Session into `order-<sessionId>`, in one transaction with the stock:
 * the reservation becomes a sale (stock and reserved both go down). If the reservation was
 * already released (the session expired first), the units are taken from free stock; if there
 * are none left, the order is recorded and the payment refunded. Safe to run any number of
 * times, in any order, concurrently: `create` of the order id succeeds once.
 */
export async function fulfilSession(sessionId: string): Promise<Outcome> {
  // Most redeliveries find their order already written: answer them without asking Stripe.
  const recorded = await getOrder(sessionId)
  if (recorded && recorded.status !== 'refund_pending') return 'duplicate'
  const session = await stripe().checkout.sessions.retrieve(sessionId, { expand: ['shipping_cost.shipping_rate'] })
  if (session.payment_status !== 'paid') return 'awaiting_payment'
  const lines = paidLines(await lineItems(sessionId))

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const existing = await getOrder(sessionId)
    if (existing) {
      if (existing.status === 'refund_pending') return refund(session, existing.paymentIntentId)
      return 'duplicate'
    }
    const reservationId = session.metadata?.reservationId
    const reservation = reservationId ? await getReservation(reservationId) : null
    const holds = reservation?.status === 'reserved' && reservation.sessionId === session.id
    const stock = await loadStock(lines.map((line) => line.productId))
    const promotionId = session.metadata?.promotionId
    const promotion = promotionId ? await loadPromotion(promotionId) : null
    const shortOf = lines.find((line) => !holds && available(stock, line) < line.quantity)

    const tx = writeClient().transaction()
    if (shortOf) {
      tx.create(buildOrder(session, lines, 'refund_pending', `Sold out while paying: ${shortOf.title}`))
    } else {
      tx.create(buildOrder(session, lines, 'paid'))
      const patches = stockPatches(stock, lines, (variant, quantity) => ({
        stock: Math.max(0, variant.stock - quantity),
        reserved: holds ? Math.max(0, variant.reserved - quantity) : variant.reserved,
      }))
      for (const [productId, { rev, set }] of patches) tx.patch(productId, (p) => p.ifRevisionId(rev).set(set))
      if (holds) tx.patch(reservation._id, (p) => p.ifRevisionId(reservation._rev).set({ status: 'completed' }))
      // The use is counted with the order. A held use turns into a redemption; a session paid
      // after its hold was released still counts, since the buyer was charged the discount.
      if (promotion)
        movePromotionCounters(tx, promotion, { reserved: holds && reservation.promotionId === promotion._id ? -1 : 0, redemptions: 1 })
    }
    if (!(await commitUnlessConflict(tx))) {
      await backoff(round)
      continue // a duplicate delivery won, or stock moved: read again
    }
    return shortOf ? refund(session, null) : 'created'
  }
  throw new Error(`Could not record the order for ${sessionId}: too much contention`)
}

function available(stock: Awaited<ReturnType<typeof loadStock>>, line: PaidLine) {
  const variant = stock.get(line.productId)?.variants?.find((v) => v._key === line.variantKey)
  return variant ? variant.stock - variant.reserved : 0
}

async function refund(session: Stripe.Checkout.Session, knownIntent: string | null): Promise<Outcome> {
  const paymentIntent = knownIntent ?? (typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id)
  if (paymentIntent) {
    await stripe().refunds.create(
      { payment_intent: paymentIntent, reason: 'requested_by_customer' },
      { idempotencyKey: `refund-${session.id}` },
    )
  }
  await writeClient().patch(orderIdFor(session.id)).set({ status: 'refunded' }).commit({ visibility: 'sync' })
  return 'refunded'
}

/** Gives back the stock held for a session that expired or whose payment failed. Idempotent. */
export async function releaseSession(sessionId: string, reservationId: string | undefined): Promise<Outcome> {
  if (!reservationId) return 'nothing_to_release'
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const reservation = await getReservation(reservationId)
    if (!reservation || reservation.status !== 'reserved' || reservation.sessionId !== sessionId) return 'nothing_to_release'
    if (await getOrder(sessionId)) return 'nothing_to_release'
    if (await releaseStock(reservation)) return 'released'
    await backoff(round)
  }
  throw new Error(`Could not release the reservation for ${sessionId}: too much contention`)
}

/** Routes a verified Stripe event to its handler. */
export async function handleStripeEvent(event: Stripe.Event): Promise<Outcome> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return fulfilSession(event.data.object.id)
    case 'checkout.session.expired':
    case 'checkout.session.async_payment_failed':
      return releaseSession(event.data.object.id, event.data.object.metadata?.reservationId)
    default:
      return 'ignored'
  }
}

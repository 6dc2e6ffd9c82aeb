import 'server-only'
import { keepHoldUntilSettled } from '../checkout/holds'
import { knownSession, namesAnotherStore } from '../checkout/sessions'
import { isStripeError, stripe } from '../payments/stripe'
import { changedOrder, fulfilSession } from './fulfil'
import { checkOrderToken } from './link'
import { orderIdFor } from './order-doc'
import { orderById, orderIdByNumber, type Order } from './records'

export type { Order }

/**
 * `recordedNow`: this call recorded (or refunded) the order before the webhook did, so its email
 * and mirror are due now; the outbox's claim keeps them single if the webhook reports it too.
 */
export type SessionOrder =
  | { kind: 'unknown' }
  | { kind: 'unpaid' }
  | { kind: 'processing' }
  | { kind: 'order'; order: Order; recordedNow: boolean }

const SESSION_ID = /^cs_(test|live)_[A-Za-z0-9]{1,200}$/

/**
 * What the success page can say about a Checkout Session. Only sessions this store opened are
 * looked up at Stripe, so made-up ids spend nothing of the account's rate limit. A session Stripe
 * reports as paid (or free) is fulfilled right here if the webhook has not done it yet, as
 * Stripe's fulfilment guide recommends, so the buyer sees the order at once; a bank debit still
 * settling is "processing", its stock held until it settles.
 */
export async function findOrderForSession(sessionId: string | undefined): Promise<SessionOrder> {
  if (!sessionId || !SESSION_ID.test(sessionId)) return { kind: 'unknown' }
  const recorded = await orderById(orderIdFor(sessionId))
  if (recorded) return { kind: 'order', order: recorded, recordedNow: false }
  if (!(await knownSession(sessionId))) return { kind: 'unknown' }
  let session
  try {
    session = await stripe().checkout.sessions.retrieve(sessionId)
  } catch (error) {
    if (isStripeError(error, 404)) return { kind: 'unknown' }
    throw error
  }
  if (namesAnotherStore(session)) return { kind: 'unknown' }
  if (session.status !== 'complete') return { kind: 'unpaid' }
  if (session.payment_status === 'unpaid') {
    await keepHoldUntilSettled(sessionId) // the webhook does the same; whichever comes first
    return { kind: 'processing' }
  }
  const outcome = await fulfilSession(sessionId) // idempotent: the webhook may be doing the same right now
  const order = await orderById(orderIdFor(sessionId))
  return order
    ? { kind: 'order', order, recordedNow: changedOrder(outcome) }
    : { kind: 'processing' }
}

const ORDER_ID = /^order-cs_(test|live)_[A-Za-z0-9]{1,200}$/

/**
 * The order an emailed link names, only when its token was made for that order and has not
 * expired; `expired` for a genuine link past its time; else null (404).
 */
export async function findOrderByLink(
  orderId: string,
  token: string | undefined,
): Promise<Order | 'expired' | null> {
  if (!ORDER_ID.test(orderId)) return null
  const check = checkOrderToken(orderId, token)
  if (check !== 'valid') return check === 'expired' ? 'expired' : null
  return orderById(orderId)
}

/** The id of the order with this number, if it was placed with this email (any case). */
export const findOrderIdByNumber = orderIdByNumber

import { writeClient } from '../content/client'
import { isStripeError, stripe } from '../payments/stripe'
import { ORDER_LOOKUP_QUERY, ORDER_QUERY } from '@/sanity/queries'
import type { ORDER_QUERY_RESULT } from '@/sanity/types'
import { verifyOrderToken } from './link'
import { orderIdFor } from './order-doc'

export type Order = NonNullable<ORDER_QUERY_RESULT>

export type SessionOrder = { kind: 'unknown' } | { kind: 'unpaid' } | { kind: 'confirming' } | { kind: 'order'; order: Order }

const SESSION_ID = /^cs_(test|live)_[A-Za-z0-9]{1,200}$/

/** What the success page can say about a Checkout Session: its order, or why there is none yet. */
export async function findOrderForSession(sessionId: string | undefined): Promise<SessionOrder> {
  if (!sessionId || !SESSION_ID.test(sessionId)) return { kind: 'unknown' }
  const order = await writeClient().fetch(ORDER_QUERY, { id: orderIdFor(sessionId) }, { cache: 'no-store' })
  if (order) return { kind: 'order', order }
  try {
    const session = await stripe().checkout.sessions.retrieve(sessionId)
    return session.payment_status === 'paid' ? { kind: 'confirming' } : { kind: 'unpaid' }
  } catch (error) {
    if (isStripeError(error, 404)) return { kind: 'unknown' }
    throw error
  }
}

const ORDER_ID = /^order-cs_(test|live)_[A-Za-z0-9]{1,200}$/

/** The order an emailed link names, only when its token was made for that order: else null (404). */
export async function findOrderByLink(orderId: string, token: string | undefined): Promise<Order | null> {
  if (!ORDER_ID.test(orderId) || !verifyOrderToken(orderId, token)) return null
  return writeClient().fetch(ORDER_QUERY, { id: orderId }, { cache: 'no-store' })
}

/** The id of the order with this number, if it was placed with this email (any case). */
export async function findOrderIdByNumber(orderNumber: string, email: string): Promise<string | null> {
  const found = await writeClient().fetch(ORDER_LOOKUP_QUERY, { orderNumber, email: email.toLowerCase() }, { cache: 'no-store' })
  return found?._id ?? null
}

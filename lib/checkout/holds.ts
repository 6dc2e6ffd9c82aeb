import { createHmac } from 'node:crypto'
import { writeClient } from '../content/client'
import { backoff } from '../content/stock'
import { config } from '../env'
import { HttpError } from '../http/errors'
import { releaseSession } from '../orders/fulfil'
import { isStripeError, stripe } from '../payments/stripe'
import { CART_HOLDS_QUERY, HOLDER_HOLD_COUNT_QUERY } from '@/sanity/queries'
import { getReservation, releaseStock } from './reservation'

/**
 * Bounds on what one client can hold, so a script looping "new cookie → add → checkout" cannot
 * take the catalogue (or a limited code) off sale: a cart holds at most once (a new checkout
 * replaces its old hold), and a client holds at most `holdsPerClient` carts at a time.
 */

/** A keyed hash of the client's address: enough to count its holds, without storing the address in the lake. */
export function holderOf(clientAddress: string) {
  return createHmac('sha256', config().cartSecret).update(`holder:${clientAddress}`).digest('base64url').slice(0, 22)
}

/** A reservation with no Checkout Session after this long was abandoned mid-request. */
export const ABANDONED_AFTER_MS = 60_000
const MAX_ROUNDS = 20

/** Gives back every other open hold of this cart: its session is expired first, so it can no longer be paid. */
export async function replaceCartHolds(cartId: string, keep: string) {
  const ids = await writeClient().fetch(CART_HOLDS_QUERY, { cartId, keep }, { cache: 'no-store' })
  for (const id of ids) {
    const hold = await getReservation(id)
    if (!hold || hold.status !== 'reserved') continue
    if (hold.sessionId) {
      if (await expireSession(hold.sessionId)) await releaseSession(hold.sessionId, hold._id)
    } else if (Date.now() - Date.parse(hold.createdAt ?? '') > ABANDONED_AFTER_MS) {
      await releaseUntilDone(id)
    }
  }
}

/** Refuses a new hold when this client already has its share open. */
export async function refuseOverHoldLimit(holder: string, keep: string) {
  const open = await writeClient().fetch(HOLDER_HOLD_COUNT_QUERY, { holder, keep }, { cache: 'no-store' })
  const limit = config().holdsPerClient
  if (open >= limit) {
    throw new HttpError(
      429,
      `You already have ${open} checkouts open. Finish one of them, or try again in about half an hour when they lapse.`,
      {},
      { 'retry-after': '1800' },
    )
  }
}

/** False when Stripe will not expire it (already paid or expired): its own webhook settles it. */
async function expireSession(sessionId: string) {
  try {
    await stripe().checkout.sessions.expire(sessionId)
    return true
  } catch (error) {
    if (isStripeError(error, 400) || isStripeError(error, 404)) return false
    throw error
  }
}

async function releaseUntilDone(id: string) {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const hold = await getReservation(id)
    if (!hold || hold.status !== 'reserved' || (await releaseStock(hold))) return
    await backoff(round)
  }
}

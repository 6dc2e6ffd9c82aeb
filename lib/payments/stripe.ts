import 'server-only'
import Stripe from 'stripe'
import { config } from '../env'

let client: Stripe | undefined

/**
 * The API version stripe-node 23's types describe. Pinned rather than the account's default, so a
 * Dashboard upgrade cannot change the shape of what the store reads (events included: the
 * webhook endpoint should be created with the same version).
 */
const STRIPE_API_VERSION = '2026-10-28.endive' satisfies Stripe.LatestApiVersion

/**
 * Each attempt gives up after 10 s, and a failed one is retried twice (stripe-node backs off and
 * reuses the idempotency key), so a call waits 30 s at worst rather than stripe-node's 80 s each.
 */
const TIMEOUT_MS = 10_000
const RETRIES = 2

/** The one stripe-node client: Stripe itself in real mode, the local double (by host/port) otherwise. */
export function stripe(): Stripe {
  if (!client) {
    const { secretKey, endpoint } = config().stripe
    client = new Stripe(secretKey, {
      ...endpoint,
      apiVersion: STRIPE_API_VERSION,
      timeout: TIMEOUT_MS,
      maxNetworkRetries: RETRIES,
      appInfo: { name: 'Restwell' },
    })
  }
  return client
}

export function isStripeError(error: unknown, status?: number): error is Stripe.errors.StripeError {
  return (
    error instanceof Stripe.errors.StripeError &&
    (status === undefined || error.statusCode === status)
  )
}

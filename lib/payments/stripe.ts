import Stripe from 'stripe'
import { config } from '../env'

let client: Stripe | undefined

/** The one stripe-node client: Stripe itself in real mode, the local double (by host/port) otherwise. */
export function stripe(): Stripe {
  if (!client) {
    const { secretKey, endpoint } = config().stripe
    client = new Stripe(secretKey, { ...endpoint, maxNetworkRetries: 2, appInfo: { name: 'Restwell' } })
  }
  return client
}

export function isStripeError(error: unknown, status?: number): error is Stripe.errors.StripeError {
  return error instanceof Stripe.errors.StripeError && (status === undefined || error.statusCode === status)
}

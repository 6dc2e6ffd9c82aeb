import type { ApiContext } from '../context'
import { findStored } from '../errors'

/** `GET /v1/payment_intents/:id`: Stripe names the missing id's param `intent` here. */
export function retrieve({ double, id }: ApiContext) {
  return findStored(double.state.paymentIntents, 'payment_intent', id, 'intent')
}

import type { ApiContext } from '../context'
import { StripeError, findStored, invalid, missing } from '../errors'
import { nowSeconds, stripeId } from '../ids'
import type { Refund } from '../state'

/** `POST /v1/refunds`: part or all of what a succeeded payment intent has left unrefunded. */
export function create({ double, params }: ApiContext) {
  const { state } = double
  const intentId = typeof params.payment_intent === 'string' ? params.payment_intent : ''
  const intent = state.paymentIntents[intentId]
  if (!intent) throw missing('payment_intent', intentId, 'payment_intent', 400)
  if (intent.status !== 'succeeded')
    throw invalid(
      `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
      'payment_intent',
    )
  const remaining = intent.amount_received - intent.amount_refunded
  const amount = params.amount === undefined ? remaining : Number(params.amount)
  if (!Number.isInteger(amount) || amount <= 0) throw invalid('Invalid amount', 'amount')
  if (amount > remaining) {
    throw new StripeError(
      400,
      'invalid_request_error',
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
      { code: 'amount_too_large', param: 'amount' },
    )
  }
  const refund: Refund = {
    id: stripeId('re'),
    object: 'refund',
    amount,
    currency: intent.currency,
    payment_intent: intent.id,
    charge: intent.latest_charge,
    status: 'succeeded',
    reason: typeof params.reason === 'string' ? params.reason : null,
    metadata: (params.metadata as Record<string, string>) ?? {},
    created: nowSeconds(),
  }
  intent.amount_refunded += amount
  state.refunds[refund.id] = refund
  state.save()
  return refund
}

/** `GET /v1/refunds/:id` */
export function retrieve({ double, id }: ApiContext) {
  return findStored(double.state.refunds, 'refund', id, 'id')
}

import { nowSeconds, stripeId } from './ids'
import type { PaymentOutcome } from './pay-form'
import { sessionAmounts, type Session } from './sessions'
import { addedTax } from './tax'
import type { PaymentIntent, State } from './state'

/**
 * The buyer submitted the page. The session completes in every case, as at Stripe: `paid` by card,
 * `unpaid` with a `processing` payment intent for a bank debit (it settles later), or
 * `no_payment_required` with no payment intent when nothing is due.
 */
export function completeSession(
  state: State,
  s: Session,
  outcome: Extract<PaymentOutcome, { ok: true }>,
) {
  const rate = s._shippingRates.find((r) => r.id === outcome.shippingRateId)
  const { discount, shipping, lineTaxes, shippingTax, shippingTotal, tax, total } = sessionAmounts(
    s,
    rate,
  )
  const coupon = s._coupon && state.coupons[s._coupon.id]
  if (coupon) coupon.times_redeemed += 1
  const { payment } = outcome
  let intent: PaymentIntent | null = null
  if (payment) {
    const pending = payment.method === 'us_bank_account'
    intent = {
      id: stripeId('pi'),
      object: 'payment_intent',
      amount: total,
      amount_received: pending ? 0 : total,
      amount_refunded: 0,
      currency: s.currency,
      status: pending ? 'processing' : 'succeeded',
      payment_method_types: [payment.method],
      created: nowSeconds(),
      latest_charge: stripeId('ch'),
      metadata: {},
      livemode: false,
    }
    state.paymentIntents[intent.id] = intent
  }
  // The address is known now, so each line carries its tax, as Stripe reports it once tax is calculated.
  s._lineItems.forEach((item, i) =>
    Object.assign(item, {
      amount_tax: lineTaxes[i],
      amount_total:
        item.amount_subtotal -
        item.amount_discount +
        addedTax(lineTaxes[i], item.price.tax_behavior),
    }),
  )
  Object.assign(s, {
    status: 'complete',
    payment_status: !payment
      ? 'no_payment_required'
      : payment.method === 'card'
        ? 'paid'
        : 'unpaid',
    payment_intent: intent?.id ?? null,
    amount_total: total,
    automatic_tax: s.automatic_tax.enabled
      ? { ...s.automatic_tax, status: 'complete' }
      : s.automatic_tax,
    url: null,
    customer_details: {
      email: outcome.email,
      name: outcome.name,
      address: outcome.address,
      phone: null,
      tax_exempt: 'none',
      tax_ids: [],
    },
    collected_information: outcome.address
      ? {
          business_name: null,
          individual_name: null,
          shipping_details: { name: outcome.name ?? '', address: outcome.address },
        }
      : null,
    shipping_cost: rate
      ? {
          amount_subtotal: shipping,
          amount_tax: shippingTax,
          amount_total: shippingTotal,
          shipping_rate: rate.id,
        }
      : null,
    total_details: { amount_discount: discount, amount_shipping: shipping, amount_tax: tax },
    _settlesAs: payment?.method === 'us_bank_account' ? payment.settlesAs : null,
  } satisfies Partial<Session>)
}

/**
 * A pending bank debit settles. Succeeded: the intent `succeeded` and the session `paid`. Failed:
 * the intent returns to `requires_payment_method` and the session stays `unpaid`. Returns the
 * event Stripe sends for it.
 */
export function settleSession(state: State, s: Session, outcome: 'succeeded' | 'failed') {
  const intent = state.paymentIntents[s.payment_intent!]
  s._settlesAs = null
  if (outcome === 'succeeded') {
    Object.assign(intent, {
      status: 'succeeded',
      amount_received: intent.amount,
    } satisfies Partial<PaymentIntent>)
    s.payment_status = 'paid'
    return 'checkout.session.async_payment_succeeded'
  }
  intent.status = 'requires_payment_method'
  return 'checkout.session.async_payment_failed'
}

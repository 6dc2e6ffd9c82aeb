import type { ApiContext } from '../context'
import { sessionCustomer } from '../customers'
import { invalid } from '../errors'
import { createSession, presentLineItems, presentSession } from '../sessions'

/** `POST /v1/checkout/sessions`: a new open session, for a customer when `customer` names one. */
export function create({ double, params, expand, baseUrl }: ApiContext) {
  const { state } = double
  const customer = sessionCustomer(params, state.customers)
  const s = {
    ...createSession(params, baseUrl, state.coupons),
    customer: customer?.id ?? null,
  }
  state.sessions[s.id] = s
  state.save()
  return presentSession(s, expand, state.paymentIntents)
}

/** `GET /v1/checkout/sessions/:id` */
export function retrieve({ double, expand, id }: ApiContext) {
  return presentSession(double.session(id), expand, double.state.paymentIntents)
}

/** `GET /v1/checkout/sessions/:id/line_items`: one page (`limit`, `starting_after`). */
export function listLineItems({ double, params, expand, id }: ApiContext) {
  const limit = params.limit === undefined ? undefined : Number(params.limit)
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 100))
    throw invalid('Invalid limit', 'limit')
  const page = {
    limit,
    starting_after: typeof params.starting_after === 'string' ? params.starting_after : undefined,
  }
  return presentLineItems(double.session(id), page, expand.includes('data.price.product'))
}

/** `POST /v1/checkout/sessions/:id/expire`: open sessions only; sends `…session.expired`. */
export function expire({ double, expand, id }: ApiContext) {
  const s = double.session(id)
  if (s.status !== 'open')
    throw invalid(
      `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${s.status}".`,
    )
  double.expire(s)
  return presentSession(s, expand, double.state.paymentIntents)
}

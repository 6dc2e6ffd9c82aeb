import qs from 'qs'
import type { RouteParams } from '../../http/router'
import { authenticate, requireLoopback } from '../auth'
import type { RootContext } from '../context'
import { invalid } from '../errors'
import { decodeId, readBody, sendJson } from '../http'
import { presentSession } from '../sessions'

/**
 * `POST /_test/checkout/sessions/:id/settle`, test control and not part of Stripe's API: settles a
 * pending bank debit now, as the account number decided or as `outcome` says. Loopback clients
 * with the secret key only.
 */
export async function settle({ double, req, res }: RootContext, { named }: RouteParams) {
  requireLoopback(req)
  authenticate(req, double.config.secretKey)
  const { outcome } = qs.parse(await readBody(req))
  if (outcome !== undefined && outcome !== 'succeeded' && outcome !== 'failed')
    throw invalid('outcome must be succeeded or failed', 'outcome')
  const s = double.session(decodeId(named.id ?? ''))
  if (!s._settlesAs)
    throw invalid('This Checkout Session has no payment awaiting settlement.', 'session')
  double.settle(s, outcome ?? s._settlesAs)
  sendJson(res, {
    status: 200,
    body: presentSession(s, ['payment_intent'], double.state.paymentIntents),
  })
}

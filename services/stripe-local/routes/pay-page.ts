import type { ServerResponse } from 'node:http'
import qs from 'qs'
import type { RouteParams } from '../../http/router'
import type { RootContext } from '../context'
import { prefill } from '../customers'
import { unrecognized } from '../errors'
import { readBody } from '../http'
import { checkPayment, type PayForm } from '../pay-form'
import { PAY_PAGE_SCRIPT_HASH, renderClosedPage, renderPayPage } from '../pay-page'
import { completeSession } from '../payments'

/** Session ids as `createSession` makes them; any other `/pay/…` path is no page at all. */
const SESSION_ID = /^cs_test_[A-Za-z0-9]+$/

/**
 * `GET /pay/:id` shows an open session's hosted payment page; `POST` is the buyer submitting it.
 * A payment that goes through completes the session, sends `checkout.session.completed` and
 * redirects (303) to `success_url`; a declined one shows the page again with the reason (402).
 */
export async function payPage({ double, req, res, url }: RootContext, { named }: RouteParams) {
  const id = named.id ?? ''
  if (!SESSION_ID.test(id)) throw unrecognized(req.method, url.pathname)
  const { state } = double
  const s = state.sessions[id]
  if (!s)
    return sendHtml(
      res,
      404,
      '<!doctype html><title>Not found</title><h1>Checkout session not found</h1>',
    )
  if (s.status !== 'open') return sendHtml(res, 410, renderClosedPage(s))
  if (req.method === 'GET') return sendHtml(res, 200, renderPayPage(s, prefill(s, state.customers)))
  const form = qs.parse(await readBody(req)) as PayForm
  for (const [k, v] of Object.entries(form)) if (typeof v !== 'string') delete form[k]
  const outcome = checkPayment(s, form)
  if (!outcome.ok) return sendHtml(res, 402, renderPayPage(s, form, outcome.error))
  completeSession(state, s, outcome)
  double.emit('checkout.session.completed', s)
  if (s._settlesAs) double.scheduleSettlement(s)
  res.writeHead(303, { location: s.success_url.replace('{CHECKOUT_SESSION_ID}', s.id) }).end()
}

/** The page may run only its own totals script, post only its form, and sit in no frame. */
function sendHtml(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; script-src ${PAY_PAGE_SCRIPT_HASH}; form-action 'self' http: https:; frame-ancestors 'none'`,
  })
  res.end(body)
}

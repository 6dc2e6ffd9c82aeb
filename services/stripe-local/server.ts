import { createHash, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import qs from 'qs'
import { StripeError, invalid, missing } from './errors'
import { nowSeconds, stripeId } from './ids'
import { checkPayment, type PayForm } from './pay-form'
import { PAY_PAGE_SCRIPT_HASH, renderClosedPage, renderPayPage } from './pay-page'
import { completeSession, settleSession } from './payments'
import { createCoupon } from './coupons'
import { customerRoute, prefill, sessionCustomer } from './customers'
import { createSession, presentLineItems, presentSession, type Session } from './sessions'
import { State, type Refund } from './state'
import { WebhookSender, makeEvent } from './webhooks'
import { HEALTH_PATH, healthAnswer } from '../shared/health'

export type StripeLocalConfig = {
  port: number
  host: string
  dataDir: string
  secretKey: string
  webhookSecret: string
  webhookUrl: string
  /** First retry delay; doubles on each attempt. */
  retryBaseMs?: number
  maxAttempts?: number
  /** How often open sessions past `expires_at` are expired. */
  sweepMs?: number
  /** When a pending bank debit settles by itself; 0 leaves it to the test control endpoint. */
  asyncSettleMs?: number
}

const BODY_LIMIT = 1024 * 1024

type Reply = { status: number; body: unknown }

export async function startStripeLocal(config: StripeLocalConfig) {
  const state = new State(join(config.dataDir, 'stripe-local.json'))
  const webhooks = new WebhookSender(config.webhookUrl, config.webhookSecret, {
    baseDelayMs: config.retryBaseMs ?? 1000,
    maxAttempts: config.maxAttempts ?? 8,
  })
  const idempotency = new Map<string, { fingerprint: string; reply: Promise<Reply> }>()
  let baseUrl = ''

  function emit(type: string, s: Session) {
    const event = makeEvent(type, presentSession(s, [], state.paymentIntents))
    state.events[event.id] = event
    state.save()
    webhooks.send(event)
  }

  function session(id: string): Session {
    const found = state.sessions[id]
    if (!found) throw missing('checkout.session', id, 'session')
    return found
  }

  function expire(s: Session) {
    s.status = 'expired'
    s.url = null
    emit('checkout.session.expired', s)
  }

  const settleTimers = new Set<NodeJS.Timeout>()
  function scheduleSettlement(s: Session) {
    if (!config.asyncSettleMs) return
    const timer = setTimeout(() => {
      settleTimers.delete(timer)
      if (s._settlesAs) settle(s, s._settlesAs)
    }, config.asyncSettleMs)
    settleTimers.add(timer)
  }

  function settle(s: Session, outcome: 'succeeded' | 'failed') {
    const event = settleSession(state, s, outcome)
    state.save()
    emit(event, s)
  }

  /** The JSON API: everything under /v1, authenticated with the secret key. */
  async function api(
    method: string,
    path: string,
    params: Record<string, unknown>,
  ): Promise<Reply> {
    // '/v1/checkout/sessions/cs_…/line_items' → route 'GET /checkout/sessions/:id/line_items' and its id
    const segments = path.split('/').filter(Boolean).slice(1)
    const idAt = segments[0] === 'checkout' ? 2 : 1
    const id = segments[idAt] === undefined ? '' : decodeId(segments[idAt])
    const route = `${method} /${segments.map((p, i) => (i === idAt ? ':id' : p)).join('/')}`
    const expand = (
      Array.isArray(params.expand)
        ? params.expand
        : params.expand
          ? Object.values(params.expand as object)
          : []
    ).map(String)

    switch (route) {
      case 'POST /checkout/sessions': {
        const customer = sessionCustomer(params, state.customers)
        const s = {
          ...createSession(params, baseUrl, state.coupons),
          customer: customer?.id ?? null,
        }
        state.sessions[s.id] = s
        state.save()
        return { status: 200, body: presentSession(s, expand, state.paymentIntents) }
      }
      case 'GET /checkout/sessions/:id':
        return { status: 200, body: presentSession(session(id), expand, state.paymentIntents) }
      case 'GET /checkout/sessions/:id/line_items': {
        const limit = params.limit === undefined ? undefined : Number(params.limit)
        if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 100))
          throw invalid('Invalid limit', 'limit')
        const page = {
          limit,
          starting_after:
            typeof params.starting_after === 'string' ? params.starting_after : undefined,
        }
        return {
          status: 200,
          body: presentLineItems(session(id), page, expand.includes('data.price.product')),
        }
      }
      case 'POST /checkout/sessions/:id/expire': {
        const s = session(id)
        if (s.status !== 'open')
          throw invalid(
            `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${s.status}".`,
          )
        expire(s)
        state.save()
        return { status: 200, body: presentSession(s, expand, state.paymentIntents) }
      }
      case 'POST /coupons': {
        const coupon = createCoupon(params)
        if (state.coupons[coupon.id])
          throw new StripeError(400, 'invalid_request_error', 'Coupon already exists.', {
            code: 'resource_already_exists',
            param: 'id',
          })
        state.coupons[coupon.id] = coupon
        state.save()
        return { status: 200, body: coupon }
      }
      case 'GET /coupons/:id':
        return found(state.coupons, 'coupon', id, 'id')
      case 'DELETE /coupons/:id': {
        // As at Stripe: sessions that already carry the coupon keep their discount.
        const coupon = found(state.coupons, 'coupon', id, 'id').body as { id: string }
        delete state.coupons[coupon.id]
        state.save()
        return { status: 200, body: { id: coupon.id, object: 'coupon', deleted: true } }
      }
      case 'POST /customers':
      case 'GET /customers/:id':
      case 'POST /customers/:id':
      case 'DELETE /customers/:id':
        return customerRoute(route, id, params, state)
      case 'GET /payment_intents/:id':
        return found(state.paymentIntents, 'payment_intent', id, 'intent')
      case 'POST /refunds': {
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
        return { status: 200, body: refund }
      }
      case 'GET /refunds/:id':
        return found(state.refunds, 'refund', id, 'id')
    }
    throw new StripeError(
      404,
      'invalid_request_error',
      `Unrecognized request URL (${method}: ${path}).`,
    )
  }

  function authenticate(req: IncomingMessage) {
    const auth = req.headers.authorization ?? ''
    const key = auth.startsWith('Bearer ') ? auth.slice(7) : ''
    if (!safeEqual(key, config.secretKey)) {
      throw new StripeError(
        401,
        'authentication_error',
        `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 8))}`,
      )
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL) {
    authenticate(req)
    const raw = req.method === 'POST' ? await readBody(req) : ''
    const params = qs.parse(req.method === 'POST' ? raw : url.search.slice(1), {
      depth: 10,
      arrayLimit: 100,
      parameterLimit: 5000,
    }) as Record<string, unknown>
    const idemKey =
      req.method === 'POST' ? (req.headers['idempotency-key'] as string | undefined) : undefined
    if (!idemKey) return reply(res, await api(req.method!, url.pathname, params))

    const fingerprint = createHash('sha256')
      .update(`${req.method} ${url.pathname}\n${raw}`)
      .digest('hex')
    const existing = idempotency.get(idemKey)
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw new StripeError(
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idemKey}' if you meant to execute a different request.`,
        )
      }
      res.setHeader('idempotent-replayed', 'true')
      return reply(res, await existing.reply)
    }
    // Errors are stored too: Stripe replays a failed request's error for the same key.
    const pending = api(req.method!, url.pathname, params).catch((error): Reply => {
      if (error instanceof StripeError) return { status: error.statusCode, body: error.toBody() }
      throw error
    })
    idempotency.set(idemKey, { fingerprint, reply: pending })
    reply(res, await pending)
  }

  async function handlePay(req: IncomingMessage, res: ServerResponse, id: string) {
    const s = state.sessions[id]
    if (!s)
      return html(
        res,
        404,
        '<!doctype html><title>Not found</title><h1>Checkout session not found</h1>',
      )
    if (s.status !== 'open') return html(res, 410, renderClosedPage(s))
    if (req.method === 'GET') return html(res, 200, renderPayPage(s, prefill(s, state.customers)))
    const form = qs.parse(await readBody(req)) as PayForm
    for (const [k, v] of Object.entries(form)) if (typeof v !== 'string') delete form[k]
    const outcome = checkPayment(s, form)
    if (!outcome.ok) return html(res, 402, renderPayPage(s, form, outcome.error))
    completeSession(state, s, outcome)
    state.save()
    emit('checkout.session.completed', s)
    if (s._settlesAs) scheduleSettlement(s)
    res.writeHead(303, { location: s.success_url.replace('{CHECKOUT_SESSION_ID}', s.id) }).end()
  }

  /**
   * Test control, not part of Stripe's API: settles a pending bank debit now, as the account number
   * decided or as `outcome` says. Loopback clients with the secret key only.
   */
  async function handleSettle(req: IncomingMessage, res: ServerResponse, id: string) {
    if (!isLoopback(req.socket.remoteAddress))
      throw new StripeError(
        403,
        'invalid_request_error',
        'Test control endpoints answer loopback clients only.',
      )
    authenticate(req)
    const { outcome } = qs.parse(await readBody(req))
    if (outcome !== undefined && outcome !== 'succeeded' && outcome !== 'failed')
      throw invalid('outcome must be succeeded or failed', 'outcome')
    const s = session(id)
    if (!s._settlesAs)
      throw invalid('This Checkout Session has no payment awaiting settlement.', 'session')
    settle(s, outcome ?? s._settlesAs)
    reply(res, { status: 200, body: presentSession(s, ['payment_intent'], state.paymentIntents) })
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stripe.local')
    const work = async () => {
      if (url.pathname === HEALTH_PATH)
        return reply(res, { status: 200, body: healthAnswer(config.secretKey, url) })
      const pay = /^\/pay\/(cs_test_[A-Za-z0-9]+)$/.exec(url.pathname)
      if (pay && (req.method === 'GET' || req.method === 'POST')) return handlePay(req, res, pay[1])
      const control = /^\/_test\/checkout\/sessions\/([^/]+)\/settle$/.exec(url.pathname)
      if (control && req.method === 'POST') return handleSettle(req, res, decodeId(control[1]))
      if (url.pathname.startsWith('/v1/')) return handleApi(req, res, url)
      throw new StripeError(
        404,
        'invalid_request_error',
        `Unrecognized request URL (${req.method}: ${url.pathname}).`,
      )
    }
    work().catch((error) => {
      const e =
        error instanceof StripeError
          ? error
          : new StripeError(
              500,
              'api_error',
              'An unexpected error occurred in the local Stripe double.',
            )
      if (!(error instanceof StripeError)) console.error('[stripe-local]', error)
      if (res.headersSent) return res.end()
      if (e.statusCode < 500) res.setHeader('stripe-should-retry', 'false')
      reply(res, { status: e.statusCode, body: e.toBody() })
    })
  })

  const sweeper = setInterval(() => {
    const now = nowSeconds()
    let changed = false
    for (const s of Object.values(state.sessions)) {
      if (s.status === 'open' && s.expires_at <= now) {
        expire(s)
        changed = true
      }
    }
    if (changed) state.save()
  }, config.sweepMs ?? 5000)
  // Debits still pending when the double last stopped settle after a fresh delay.
  for (const s of Object.values(state.sessions)) if (s._settlesAs) scheduleSettlement(s)

  server.listen(config.port, config.host)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  baseUrl = `http://${config.host}:${(server.address() as AddressInfo).port}`

  return {
    url: baseUrl,
    async close() {
      clearInterval(sweeper)
      for (const timer of settleTimers) clearTimeout(timer)
      webhooks.stop()
      state.flush()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

async function readBody(req: IncomingMessage) {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > BODY_LIMIT) throw invalid('Request body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** A stored object by id, or Stripe's 404 for that kind, naming the param as Stripe does for it. */
function found(table: Record<string, unknown>, kind: string, id: string, param: string): Reply {
  if (!table[id]) throw missing(kind, id, param)
  return { status: 200, body: table[id] }
}

function reply(res: ServerResponse, { status, body }: Reply) {
  const payload = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'request-id': stripeId('req', 14),
    'content-length': Buffer.byteLength(payload),
  })
  res.end(payload)
}

function html(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; script-src ${PAY_PAGE_SCRIPT_HASH}; form-action 'self' http: https:; frame-ancestors 'none'`,
  })
  res.end(body)
}

function decodeId(segment: string) {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

const isLoopback = (address: string | undefined) =>
  address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1'

function safeEqual(a: string, b: string) {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeDir } from '../../content-lake/test/harness'
import { payOnHostedPage, SECRET_KEY, startStripeProcess, WEBHOOK_SECRET } from './harness'

// Driven only through the official stripe-node SDK, as the store drives it.
let double: Awaited<ReturnType<typeof startStripeProcess>>
let stripe: Stripe
let receiver: Server
const deliveries: Array<{ event: Stripe.Event; attempt: number; at: number }> = []
let failFirst = new Set<string>()

beforeAll(async () => {
  const seen = new Map<string, number>()
  receiver = createServer(async (req, res) => {
    let raw = ''
    for await (const chunk of req) raw += chunk
    const event = stripe.webhooks.constructEvent(raw, req.headers['stripe-signature'] as string, WEBHOOK_SECRET)
    const attempt = (seen.get(event.id) ?? 0) + 1
    seen.set(event.id, attempt)
    deliveries.push({ event, attempt, at: Date.now() })
    const object = event.data.object as { id?: string }
    res.writeHead(failFirst.has(object.id ?? '') && attempt < 3 ? 500 : 200).end()
  }).listen(0)
  const port = (receiver.address() as AddressInfo).port
  double = await startStripeProcess({ webhookUrl: `http://127.0.0.1:${port}/hook`, retryBaseMs: 100 })
  const url = new URL(double.url)
  stripe = new Stripe(SECRET_KEY, { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 })
})

afterAll(async () => {
  await double.stop()
  receiver.close()
  removeDir(double.dataDir)
})

const params = (overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}): Stripe.Checkout.SessionCreateParams => ({
  mode: 'payment',
  line_items: [
    {
      quantity: 2,
      price_data: {
        currency: 'usd',
        unit_amount: 2400,
        product_data: { name: 'Magnesium', metadata: { productId: 'p-1', variantKey: 'v-1' } },
      },
    },
    { quantity: 1, price_data: { currency: 'usd', unit_amount: 5900, product_data: { name: 'Curtains' } } },
  ],
  shipping_address_collection: { allowed_countries: ['US', 'CA'] },
  shipping_options: [
    { shipping_rate_data: { display_name: 'Standard', type: 'fixed_amount', fixed_amount: { amount: 595, currency: 'usd' } } },
    { shipping_rate_data: { display_name: 'Express', type: 'fixed_amount', fixed_amount: { amount: 1500, currency: 'usd' } } },
  ],
  metadata: { reservationId: 'r-1' },
  success_url: 'http://localhost:3000/checkout/success?session_id={CHECKOUT_SESSION_ID}',
  cancel_url: 'http://localhost:3000/cart',
  ...overrides,
})

const waitFor = async <T>(find: () => T | undefined, ms = 5000): Promise<T> => {
  const deadline = Date.now() + ms
  for (;;) {
    const found = find()
    if (found) return found
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe('checkout sessions', () => {
  it('creates a session from form-encoded nested params with integer amounts', async () => {
    const session = await stripe.checkout.sessions.create(params())
    expect(session.id).toMatch(/^cs_test_/)
    expect(session).toMatchObject({
      object: 'checkout.session',
      status: 'open',
      payment_status: 'unpaid',
      amount_subtotal: 10700,
      amount_total: 11295,
      currency: 'usd',
      metadata: { reservationId: 'r-1' },
    })
    expect(session.url).toContain(session.id)
    expect(session.success_url).toContain('{CHECKOUT_SESSION_ID}')
    expect(session.expires_at - session.created).toBe(24 * 3600)
  })

  it('expands and paginates line items', async () => {
    const { id } = await stripe.checkout.sessions.create(params())
    const expanded = await stripe.checkout.sessions.retrieve(id, { expand: ['line_items'] })
    expect(expanded.line_items?.data.map((item) => [item.quantity, item.price?.unit_amount, item.amount_total])).toEqual([
      [2, 2400, 4800],
      [1, 5900, 5900],
    ])
    const ids: string[] = []
    for await (const item of stripe.checkout.sessions.listLineItems(id, { limit: 1, expand: ['data.price.product'] })) {
      ids.push(item.id)
      if (ids.length === 1) expect((item.price?.product as Stripe.Product).metadata).toEqual({ productId: 'p-1', variantKey: 'v-1' })
    }
    expect(ids).toHaveLength(2)
  })

  it('replays an idempotent request and rejects the key with other parameters', async () => {
    const first = await stripe.checkout.sessions.create(params(), { idempotencyKey: 'same-cart' })
    const again = await stripe.checkout.sessions.create(params(), { idempotencyKey: 'same-cart' })
    expect(again.id).toBe(first.id)
    const error = await stripe.checkout.sessions
      .create(params({ metadata: { other: 'x' } }), { idempotencyKey: 'same-cart' })
      .catch((e) => e)
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
  })

  it('raises the typed errors stripe-node raises for Stripe', async () => {
    const missing = await stripe.checkout.sessions.retrieve('cs_test_doesnotexist').catch((e) => e)
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing' })
    const invalid = await stripe.checkout.sessions.create({ mode: 'payment', success_url: 'http://x.test/ok' }).catch((e) => e)
    expect(invalid).toMatchObject({ type: 'StripeInvalidRequestError', param: 'line_items' })
    const negative = await stripe.checkout.sessions
      .create(params({ line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: -5, product_data: { name: 'x' } } }] }))
      .catch((e) => e)
    expect(negative).toMatchObject({ statusCode: 400 })
    const badKey = await new Stripe('sk_test_wrong', {
      host: new URL(double.url).hostname,
      port: Number(new URL(double.url).port),
      protocol: 'http',
    }).checkout.sessions
      .retrieve('cs_test_x')
      .catch((e) => e)
    expect(badKey).toBeInstanceOf(Stripe.errors.StripeAuthenticationError)
  })
})

describe('hosted payment page and webhooks', () => {
  it('declines 4000 0000 0000 0002 with a visible message and sends no webhook', async () => {
    const session = await stripe.checkout.sessions.create(params())
    const result = await payOnHostedPage(session.url!, '4000 0000 0000 0002')
    expect(result.status).toBe(402)
    expect(result.html).toContain('Your card was declined.')
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open')
    await new Promise((r) => setTimeout(r, 300))
    expect(deliveries.some((d) => (d.event.data.object as { id: string }).id === session.id)).toBe(false)
  })

  it('pays with 4242, redirects with the session id, and delivers a signed completed event, retried with backoff', async () => {
    const session = await stripe.checkout.sessions.create(params())
    failFirst = new Set([session.id])
    const result = await payOnHostedPage(session.url!)
    expect(result.status).toBe(303)
    expect(result.location).toBe(`http://localhost:3000/checkout/success?session_id=${session.id}`)
    const third = await waitFor(() => deliveries.find((d) => (d.event.data.object as { id: string }).id === session.id && d.attempt === 3))
    const attempts = deliveries.filter((d) => d.event.id === third.event.id)
    expect(attempts.map((d) => d.attempt)).toEqual([1, 2, 3])
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(attempts[1].at - attempts[0].at) // backoff grows
    expect(third.event.type).toBe('checkout.session.completed')
    const paid = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] })
    expect(paid).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      amount_total: 11295,
      customer_details: { email: 'buyer@example.com' },
    })
    expect(paid.collected_information?.shipping_details?.address).toMatchObject({ line1: '12 Quiet Lane', country: 'US' })
    expect(paid.shipping_cost?.amount_total).toBe(595)
    expect((paid.payment_intent as Stripe.PaymentIntent).status).toBe('succeeded')
  })

  it('expires an open session and sends checkout.session.expired', async () => {
    const session = await stripe.checkout.sessions.create(params())
    const expired = await stripe.checkout.sessions.expire(session.id)
    expect(expired.status).toBe('expired')
    const event = await waitFor(() => deliveries.find((d) => (d.event.data.object as { id: string }).id === session.id))
    expect(event.event.type).toBe('checkout.session.expired')
    expect((await fetch(session.url!)).status).toBe(410)
    const again = await stripe.checkout.sessions.expire(session.id).catch((e) => e)
    expect(again.statusCode).toBe(400)
  })

  it('refunds a paid payment intent, never more than was paid', async () => {
    const session = await stripe.checkout.sessions.create(params())
    await payOnHostedPage(session.url!)
    const paid = await stripe.checkout.sessions.retrieve(session.id)
    const refund = await stripe.refunds.create({ payment_intent: paid.payment_intent as string, amount: 1000 })
    expect(refund).toMatchObject({ object: 'refund', amount: 1000, status: 'succeeded' })
    const tooMuch = await stripe.refunds
      .create({ payment_intent: paid.payment_intent as string }, {})
      .then(() => stripe.refunds.create({ payment_intent: paid.payment_intent as string, amount: 1 }))
      .catch((e) => e)
    expect(tooMuch.statusCode).toBe(400)
  })
})

describe('unknown ids', () => {
  const cases: Array<[string, () => Promise<unknown>, number, string, string]> = [
    [
      'sessions.retrieve',
      () => stripe.checkout.sessions.retrieve('cs_test_nope'),
      404,
      'session',
      "No such checkout.session: 'cs_test_nope'",
    ],
    [
      'sessions.listLineItems',
      () => stripe.checkout.sessions.listLineItems('cs_test_nope'),
      404,
      'session',
      "No such checkout.session: 'cs_test_nope'",
    ],
    ['sessions.expire', () => stripe.checkout.sessions.expire('cs_test_nope'), 404, 'session', "No such checkout.session: 'cs_test_nope'"],
    ['coupons.retrieve', () => stripe.coupons.retrieve('NOPE'), 404, 'id', "No such coupon: 'NOPE'"],
    ['paymentIntents.retrieve', () => stripe.paymentIntents.retrieve('pi_nope'), 404, 'intent', "No such payment_intent: 'pi_nope'"],
    ['paymentIntents.retrieve, no prefix', () => stripe.paymentIntents.retrieve('nope'), 404, 'intent', "No such payment_intent: 'nope'"],
    ['refunds.retrieve', () => stripe.refunds.retrieve('re_nope'), 404, 'id', "No such refund: 're_nope'"],
    [
      'refunds.create',
      () => stripe.refunds.create({ payment_intent: 'pi_nope' }),
      400,
      'payment_intent',
      "No such payment_intent: 'pi_nope'",
    ],
    [
      'sessions.create with a coupon',
      () => stripe.checkout.sessions.create(params({ discounts: [{ coupon: 'NOPE' }] })),
      400,
      'discounts[0][coupon]',
      "No such coupon: 'NOPE'",
    ],
  ]
  it.each(cases)('%s raises resource_missing with Stripe’s param', async (_name, call, statusCode, param, message) => {
    const error = await call().catch((e) => e)
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(error).toMatchObject({ statusCode, code: 'resource_missing', param, message, rawType: 'invalid_request_error' })
  })
})

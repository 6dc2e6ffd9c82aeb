import { mkdtempSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeDir } from '../../content-lake/test/harness'
import { startStripeLocal } from '../server'
import { taxOn } from '../tax'
import {
  payOnHostedPage,
  SECRET_KEY,
  settleBankDebit,
  startStripeProcess,
  WEBHOOK_SECRET,
} from './harness'

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
    const event = stripe.webhooks.constructEvent(
      raw,
      req.headers['stripe-signature'] as string,
      WEBHOOK_SECRET,
    )
    const attempt = (seen.get(event.id) ?? 0) + 1
    seen.set(event.id, attempt)
    deliveries.push({ event, attempt, at: Date.now() })
    const object = event.data.object as { id?: string }
    res.writeHead(failFirst.has(object.id ?? '') && attempt < 3 ? 500 : 200).end()
  }).listen(0)
  const port = (receiver.address() as AddressInfo).port
  double = await startStripeProcess({
    webhookUrl: `http://127.0.0.1:${port}/hook`,
    retryBaseMs: 100,
  })
  const url = new URL(double.url)
  stripe = new Stripe(SECRET_KEY, {
    host: url.hostname,
    port: Number(url.port),
    protocol: 'http',
    maxNetworkRetries: 0,
  })
})

afterAll(async () => {
  await double.stop()
  receiver.close()
  removeDir(double.dataDir)
})

const params = (
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams => ({
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
    {
      quantity: 1,
      price_data: { currency: 'usd', unit_amount: 5900, product_data: { name: 'Curtains' } },
    },
  ],
  shipping_address_collection: { allowed_countries: ['US', 'CA'] },
  shipping_options: [
    {
      shipping_rate_data: {
        display_name: 'Standard',
        type: 'fixed_amount',
        fixed_amount: { amount: 595, currency: 'usd' },
      },
    },
    {
      shipping_rate_data: {
        display_name: 'Express',
        type: 'fixed_amount',
        fixed_amount: { amount: 1500, currency: 'usd' },
      },
    },
  ],
  metadata: { reservationId: 'r-1' },
  success_url: 'http://localhost:3000/checkout/success?session_id={CHECKOUT_SESSION_ID}',
  cancel_url: 'http://localhost:3000/cart',
  ...overrides,
})

/** The events delivered about one object, first attempts only, in the order they arrived. */
const eventsFor = (id: string) =>
  deliveries
    .filter((d) => d.attempt === 1 && (d.event.data.object as { id: string }).id === id)
    .map((d) => d.event)

/** Submits the hosted page with exactly these fields, as a browser posts the form. */
const submitPage = (url: string, fields: Record<string, string>) =>
  fetch(url, { method: 'POST', redirect: 'manual', body: new URLSearchParams(fields) })

const buyer = {
  email: 'buyer@example.com',
  name: 'Sam Sleeper',
  line1: '12 Quiet Lane',
  city: 'Portland',
  state: 'OR',
  postal_code: '97201',
  country: 'US',
}

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
    // Without automatic tax nothing is taxed, as at Stripe.
    expect(session).toMatchObject({
      automatic_tax: { enabled: false, status: null },
      total_details: { amount_tax: 0 },
    })
  })

  it('expands and paginates line items', async () => {
    const { id } = await stripe.checkout.sessions.create(params())
    const expanded = await stripe.checkout.sessions.retrieve(id, { expand: ['line_items'] })
    expect(
      expanded.line_items?.data.map((item) => [
        item.quantity,
        item.price?.unit_amount,
        item.amount_total,
      ]),
    ).toEqual([
      [2, 2400, 4800],
      [1, 5900, 5900],
    ])
    const ids: string[] = []
    for await (const item of stripe.checkout.sessions.listLineItems(id, {
      limit: 1,
      expand: ['data.price.product'],
    })) {
      ids.push(item.id)
      if (ids.length === 1)
        expect((item.price?.product as Stripe.Product).metadata).toEqual({
          productId: 'p-1',
          variantKey: 'v-1',
        })
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
    const invalid = await stripe.checkout.sessions
      .create({ mode: 'payment', success_url: 'http://x.test/ok' })
      .catch((e) => e)
    expect(invalid).toMatchObject({ type: 'StripeInvalidRequestError', param: 'line_items' })
    const negative = await stripe.checkout.sessions
      .create(
        params({
          line_items: [
            {
              quantity: 1,
              price_data: { currency: 'usd', unit_amount: -5, product_data: { name: 'x' } },
            },
          ],
        }),
      )
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
    expect(deliveries.some((d) => (d.event.data.object as { id: string }).id === session.id)).toBe(
      false,
    )
  })

  it('pays with 4242, redirects with the session id, and delivers a signed completed event, retried with backoff', async () => {
    const session = await stripe.checkout.sessions.create(params())
    failFirst = new Set([session.id])
    const result = await payOnHostedPage(session.url!)
    expect(result.status).toBe(303)
    expect(result.location).toBe(`http://localhost:3000/checkout/success?session_id=${session.id}`)
    const third = await waitFor(() =>
      deliveries.find(
        (d) => (d.event.data.object as { id: string }).id === session.id && d.attempt === 3,
      ),
    )
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
    expect(paid.collected_information?.shipping_details?.address).toMatchObject({
      line1: '12 Quiet Lane',
      country: 'US',
    })
    expect(paid.shipping_cost?.amount_total).toBe(595)
    expect((paid.payment_intent as Stripe.PaymentIntent).status).toBe('succeeded')
  })

  it('expires an open session and sends checkout.session.expired', async () => {
    const session = await stripe.checkout.sessions.create(params())
    const expired = await stripe.checkout.sessions.expire(session.id)
    expect(expired.status).toBe('expired')
    const event = await waitFor(() =>
      deliveries.find((d) => (d.event.data.object as { id: string }).id === session.id),
    )
    expect(event.event.type).toBe('checkout.session.expired')
    expect((await fetch(session.url!)).status).toBe(410)
    const again = await stripe.checkout.sessions.expire(session.id).catch((e) => e)
    expect(again.statusCode).toBe(400)
  })

  it('refunds a paid payment intent, never more than was paid', async () => {
    const session = await stripe.checkout.sessions.create(params())
    await payOnHostedPage(session.url!)
    const paid = await stripe.checkout.sessions.retrieve(session.id)
    const refund = await stripe.refunds.create({
      payment_intent: paid.payment_intent as string,
      amount: 1000,
    })
    expect(refund).toMatchObject({ object: 'refund', amount: 1000, status: 'succeeded' })
    const tooMuch = await stripe.refunds
      .create({ payment_intent: paid.payment_intent as string }, {})
      .then(() =>
        stripe.refunds.create({ payment_intent: paid.payment_intent as string, amount: 1 }),
      )
      .catch((e) => e)
    expect(tooMuch.statusCode).toBe(400)
  })
})

describe('no-cost sessions', () => {
  const free = {
    display_name: 'Free',
    type: 'fixed_amount' as const,
    fixed_amount: { amount: 0, currency: 'usd' },
  }

  it('completes a 100%-off order with free shipping without a card: no_payment_required, no payment intent, total 0', async () => {
    const coupon = await stripe.coupons.create({ percent_off: 100, duration: 'once' })
    const session = await stripe.checkout.sessions.create(
      params({
        discounts: [{ coupon: coupon.id }],
        shipping_options: [{ shipping_rate_data: free }],
      }),
    )
    expect(session).toMatchObject({
      amount_subtotal: 10700,
      amount_total: 0,
      payment_status: 'unpaid',
    })
    const page = await (await fetch(session.url!)).text()
    expect(page).toContain('name="email"')
    expect(page).toContain('name="line1"')
    expect(page).not.toContain('name="card_number"')
    const rate = /name="shipping_rate" value="(shr_\w+)"/.exec(page)![1]
    const res = await submitPage(session.url!, { ...buyer, shipping_rate: rate })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(
      `http://localhost:3000/checkout/success?session_id=${session.id}`,
    )

    const done = await stripe.checkout.sessions.retrieve(session.id)
    expect(done).toMatchObject({
      status: 'complete',
      payment_status: 'no_payment_required',
      payment_intent: null,
      amount_total: 0,
      total_details: { amount_discount: 10700, amount_shipping: 0 },
      customer_details: { email: 'buyer@example.com' },
    })
    expect(done.collected_information?.shipping_details?.address).toMatchObject({
      line1: '12 Quiet Lane',
    })
    const [event] = await waitFor(() =>
      eventsFor(session.id).length ? eventsFor(session.id) : undefined,
    )
    expect(event.type).toBe('checkout.session.completed')
    expect(event.data.object).toMatchObject({
      payment_status: 'no_payment_required',
      payment_intent: null,
      amount_total: 0,
    })
    expect((await stripe.coupons.retrieve(coupon.id)).times_redeemed).toBe(1)
    // Deleted, as the store does once a session is done with it: gone, and the session keeps its discount.
    expect(await stripe.coupons.del(coupon.id)).toMatchObject({ id: coupon.id, deleted: true })
    await expect(stripe.coupons.retrieve(coupon.id)).rejects.toMatchObject({ statusCode: 404 })
    expect(
      (await stripe.checkout.sessions.retrieve(session.id)).total_details?.amount_discount,
    ).toBe(10700)
  })

  it('is free too with amount_off at or above the subtotal, or with zero-priced lines and no shipping', async () => {
    const big = await stripe.coupons.create({ amount_off: 20_000, currency: 'usd' })
    const discounted = await stripe.checkout.sessions.create(
      params({ discounts: [{ coupon: big.id }], shipping_options: [{ shipping_rate_data: free }] }),
    )
    expect(discounted).toMatchObject({ amount_total: 0, total_details: { amount_discount: 10700 } })
    const sample = params({
      line_items: [
        {
          quantity: 1,
          price_data: { currency: 'usd', unit_amount: 0, product_data: { name: 'Sample' } },
        },
      ],
      shipping_address_collection: undefined,
      shipping_options: undefined,
    })
    const zero = await stripe.checkout.sessions.create(sample)
    const page = await (await fetch(zero.url!)).text()
    expect(page).not.toContain('name="card_number"')
    // Nothing to ship and nothing due: an email is all Stripe asks for.
    expect((await submitPage(zero.url!, { email: 'buyer@example.com' })).status).toBe(303)
    expect(await stripe.checkout.sessions.retrieve(zero.id)).toMatchObject({
      payment_status: 'no_payment_required',
      payment_intent: null,
      amount_total: 0,
      customer_details: { email: 'buyer@example.com', name: null },
    })
  })

  it('needs no card while a free shipping rate is chosen, though another rate costs something', async () => {
    const coupon = await stripe.coupons.create({ percent_off: 100 })
    const express = {
      display_name: 'Express',
      type: 'fixed_amount' as const,
      fixed_amount: { amount: 1500, currency: 'usd' },
    }
    const session = await stripe.checkout.sessions.create(
      params({
        discounts: [{ coupon: coupon.id }],
        shipping_options: [{ shipping_rate_data: free }, { shipping_rate_data: express }],
      }),
    )
    const page = await (await fetch(session.url!)).text()
    expect(page).toContain('<fieldset data-payment hidden>')
    const rate = /name="shipping_rate" value="(shr_\w+)"[^>]*> Free/.exec(page)![1]
    expect((await submitPage(session.url!, { ...buyer, shipping_rate: rate })).status).toBe(303)
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({
      payment_status: 'no_payment_required',
      amount_total: 0,
      shipping_cost: { amount_total: 0 },
    })
  })

  it('is not free with paid shipping: the page asks for a card, which pays the shipping', async () => {
    const coupon = await stripe.coupons.create({ percent_off: 100 })
    const session = await stripe.checkout.sessions.create(
      params({ discounts: [{ coupon: coupon.id }] }),
    )
    expect(session).toMatchObject({
      amount_total: 595,
      total_details: { amount_discount: 10700, amount_shipping: 595 },
    })
    expect(await (await fetch(session.url!)).text()).toContain('name="card_number"')
    const rate = /name="shipping_rate" value="(shr_\w+)"/.exec(
      await (await fetch(session.url!)).text(),
    )![1]
    const unpaid = await submitPage(session.url!, { ...buyer, shipping_rate: rate })
    expect(unpaid.status).toBe(402)
    expect(await unpaid.text()).toContain('Your card number is incomplete.')
    expect((await payOnHostedPage(session.url!)).status).toBe(303)
    const paid = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] })
    expect(paid).toMatchObject({ payment_status: 'paid', amount_total: 595 })
    expect(paid.payment_intent).toMatchObject({
      status: 'succeeded',
      amount: 595,
      amount_received: 595,
    })
  })
})

describe('automatic tax (a fixed 8%, tax.ts)', () => {
  const taxed = (
    behavior: 'exclusive' | 'inclusive',
    overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
  ) =>
    params({
      automatic_tax: { enabled: true },
      line_items: [
        {
          quantity: 2,
          price_data: {
            currency: 'usd',
            unit_amount: 2400,
            tax_behavior: behavior,
            product_data: { name: 'Magnesium', tax_code: 'txcd_99999999' },
          },
        },
        {
          quantity: 1,
          price_data: {
            currency: 'usd',
            unit_amount: 5900,
            tax_behavior: behavior,
            product_data: { name: 'Gift card', tax_code: 'txcd_00000000' },
          },
        },
      ],
      shipping_options: ['Standard', 'Express'].map((name, i) => ({
        shipping_rate_data: {
          display_name: name,
          type: 'fixed_amount' as const,
          fixed_amount: { amount: [595, 1500][i], currency: 'usd' },
          tax_behavior: behavior,
          tax_code: 'txcd_92010001',
        },
      })),
      ...overrides,
    })

  it('rounds per amount: 8% on top when exclusive, the 8% inside when inclusive, nothing for the nontaxable code', () => {
    expect([4320, 595, 1500, 1].map((cents) => taxOn(cents, 'exclusive', null))).toEqual([
      346, 48, 120, 0,
    ]) // 345.6, 47.6, 120, 0.08
    expect([5400, 595, 108].map((cents) => taxOn(cents, 'inclusive', 'txcd_99999999'))).toEqual([
      400, 44, 8,
    ]) // 5400 − 5000, 595 − 551
    expect(taxOn(5900, 'exclusive', 'txcd_00000000')).toBe(0)
    expect(taxOn(5900, 'unspecified', null)).toBe(0)
  })

  it('taxes each line after its discount share and the chosen shipping on top of exclusive prices once the buyer pays', async () => {
    const coupon = await stripe.coupons.create({ percent_off: 10, duration: 'once' })
    const session = await stripe.checkout.sessions.create(
      taxed('exclusive', { discounts: [{ coupon: coupon.id }] }),
    )
    // No address yet: Stripe cannot tax, so the amounts leave it out.
    expect(session).toMatchObject({
      automatic_tax: { enabled: true, status: 'requires_location_inputs' },
      amount_total: 10700 - 1070 + 595,
      total_details: { amount_discount: 1070, amount_tax: 0 },
    })
    const page = await (await fetch(session.url!)).text()
    // Standard preselected: 8% of 4320 (4800 less its 480 share of the discount) and of 595; the gift card is nontaxable.
    expect(page).toContain('Tax (8%, local double)</td><td data-testid="tax-amount">$3.94</td>')
    expect(page).toMatch(/> Express — \$15\.00/)
    expect(page).toContain('data-tax="466" data-due="11596"')

    expect((await payOnHostedPage(session.url!, undefined, { shipping: 'Express' })).status).toBe(
      303,
    )
    const paid = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['line_items', 'line_items.data.price.product', 'payment_intent'],
    })
    expect(paid).toMatchObject({
      automatic_tax: { enabled: true, status: 'complete' },
      amount_subtotal: 10700,
      amount_total: 10700 - 1070 + 1500 + 346 + 120,
      total_details: { amount_discount: 1070, amount_shipping: 1500, amount_tax: 466 },
      shipping_cost: { amount_subtotal: 1500, amount_tax: 120, amount_total: 1620 },
      payment_intent: { amount: 11596 },
    })
    expect(
      paid.line_items?.data.map((item) => [
        item.amount_discount,
        item.amount_tax,
        item.amount_total,
      ]),
    ).toEqual([
      [480, 346, 4666],
      [590, 0, 5310],
    ])
    expect(paid.line_items?.data[0].price).toMatchObject({
      tax_behavior: 'exclusive',
      product: { tax_code: 'txcd_99999999' },
    })
  })

  it('reports the tax inclusive prices already contain, and charges the prices', async () => {
    const session = await stripe.checkout.sessions.create(taxed('inclusive'))
    expect(await (await fetch(session.url!)).text()).toContain('Includes tax (8%, local double)')
    await payOnHostedPage(session.url!)
    const paid = await stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] })
    // 4800 holds 4800 − 4444 = 356; the gift card none; Standard's 595 holds 44.
    expect(paid).toMatchObject({
      amount_total: 10700 + 595,
      total_details: { amount_tax: 356 + 44 },
      shipping_cost: { amount_subtotal: 595, amount_tax: 44, amount_total: 595 },
    })
    expect(paid.line_items?.data.map((item) => [item.amount_tax, item.amount_total])).toEqual([
      [356, 4800],
      [0, 5900],
    ])
  })

  it('asks for a tax behavior on every price and rate, and a well-formed tax code', async () => {
    const noBehavior = taxed('exclusive')
    delete noBehavior.line_items![1].price_data!.tax_behavior
    await expect(stripe.checkout.sessions.create(noBehavior)).rejects.toMatchObject({
      statusCode: 400,
      param: 'line_items[1][price_data][tax_behavior]',
    })
    const rateWithout = taxed('exclusive')
    delete rateWithout.shipping_options![0].shipping_rate_data!.tax_behavior
    await expect(stripe.checkout.sessions.create(rateWithout)).rejects.toMatchObject({
      param: 'shipping_options[0][shipping_rate_data][tax_behavior]',
    })
    const badCode = taxed('exclusive')
    badCode.line_items![0].price_data!.product_data!.tax_code = 'food'
    await expect(stripe.checkout.sessions.create(badCode)).rejects.toMatchObject({
      param: 'line_items[0][price_data][product_data][tax_code]',
    })
    // Without automatic tax, a price's tax behavior is only recorded.
    const off = await stripe.checkout.sessions.create(
      taxed('exclusive', { automatic_tax: { enabled: false } }),
    )
    await payOnHostedPage(off.url!)
    expect(await stripe.checkout.sessions.retrieve(off.id)).toMatchObject({
      amount_total: 11295,
      total_details: { amount_tax: 0 },
    })
  })
})

describe('bank debits (delayed notification)', () => {
  const completedEvent = (id: string) =>
    waitFor(() => eventsFor(id).find((e) => e.type === 'checkout.session.completed'))

  it('completes the session unpaid with a processing intent, then sends async_payment_succeeded once settled', async () => {
    const session = await stripe.checkout.sessions.create(params())
    expect(session.payment_method_types).toEqual(['card', 'us_bank_account'])
    expect(await (await fetch(session.url!)).text()).toContain('Bank account (test)')
    const result = await payOnHostedPage(session.url!, undefined, { bankAccount: '000123456789' })
    expect(result).toMatchObject({
      status: 303,
      location: `http://localhost:3000/checkout/success?session_id=${session.id}`,
    })

    const pending = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent'],
    })
    expect(pending).toMatchObject({
      status: 'complete',
      payment_status: 'unpaid',
      amount_total: 11295,
    })
    const intent = pending.payment_intent as Stripe.PaymentIntent
    expect(intent).toMatchObject({
      status: 'processing',
      amount: 11295,
      amount_received: 0,
      payment_method_types: ['us_bank_account'],
    })
    expect((await completedEvent(session.id)).data.object).toMatchObject({
      status: 'complete',
      payment_status: 'unpaid',
    })
    const early = await stripe.refunds.create({ payment_intent: intent.id }).catch((e) => e)
    expect(early).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect((await fetch(session.url!)).status).toBe(410)

    expect((await settleBankDebit(double.url, session.id)).status).toBe(200)
    const settled = await waitFor(() =>
      eventsFor(session.id).find((e) => e.type === 'checkout.session.async_payment_succeeded'),
    )
    expect(settled.data.object).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      payment_intent: intent.id,
    })
    expect(eventsFor(session.id).map((e) => e.type)).toEqual([
      'checkout.session.completed',
      'checkout.session.async_payment_succeeded',
    ])
    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe('paid')
    expect(await stripe.paymentIntents.retrieve(intent.id)).toMatchObject({
      status: 'succeeded',
      amount_received: 11295,
    })
    expect((await settleBankDebit(double.url, session.id)).status).toBe(400)
  })

  it('sends async_payment_failed for a failing test account; the session stays unpaid, the intent requires a payment method', async () => {
    const session = await stripe.checkout.sessions.create(params())
    expect(
      (await payOnHostedPage(session.url!, undefined, { bankAccount: '000222222227' })).status,
    ).toBe(303)
    await completedEvent(session.id)
    expect((await settleBankDebit(double.url, session.id)).status).toBe(200)
    const failed = await waitFor(() =>
      eventsFor(session.id).find((e) => e.type === 'checkout.session.async_payment_failed'),
    )
    expect(failed.data.object).toMatchObject({ status: 'complete', payment_status: 'unpaid' })
    const after = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent'],
    })
    expect(after).toMatchObject({ status: 'complete', payment_status: 'unpaid' })
    expect(after.payment_intent).toMatchObject({
      status: 'requires_payment_method',
      amount_received: 0,
    })
  })

  it('settles as the control endpoint says when given an outcome, and only for callers with the secret key', async () => {
    const session = await stripe.checkout.sessions.create(params())
    await payOnHostedPage(session.url!, undefined, { bankAccount: '000123456789' })
    await completedEvent(session.id)
    expect((await settleBankDebit(double.url, session.id, 'failed', 'sk_test_wrong')).status).toBe(
      401,
    )
    expect((await settleBankDebit(double.url, 'cs_test_nope', 'failed')).status).toBe(404)
    expect((await settleBankDebit(double.url, session.id, 'failed')).status).toBe(200)
    await waitFor(() =>
      eventsFor(session.id).find((e) => e.type === 'checkout.session.async_payment_failed'),
    )
    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe('unpaid')
  })

  it('refuses other bank accounts on the page, and offers none for a non-usd session', async () => {
    const session = await stripe.checkout.sessions.create(params())
    const unknown = await payOnHostedPage(session.url!, undefined, { bankAccount: '000000000001' })
    expect(unknown.status).toBe(402)
    expect(unknown.html).toContain('Your bank account is invalid.')
    const eur = await stripe.checkout.sessions.create(
      params({
        line_items: [
          {
            quantity: 1,
            price_data: { currency: 'eur', unit_amount: 900, product_data: { name: 'Tea' } },
          },
        ],
        shipping_options: undefined,
      }),
    )
    expect(eur.payment_method_types).toEqual(['card'])
    expect(await (await fetch(eur.url!)).text()).not.toContain('Bank account')
    const refused = await payOnHostedPage(eur.url!, undefined, { bankAccount: '000123456789' })
    expect(refused.html).toContain('Choose a payment method.')
    expect((await stripe.checkout.sessions.retrieve(eur.id)).status).toBe('open')
  })

  it('settles by itself after STRIPE_LOCAL_ASYNC_SETTLE_MS', async () => {
    // In process, to keep the suite fast: main.ts passes the variable straight through as asyncSettleMs.
    const dataDir = mkdtempSync(join(tmpdir(), 'stripe-test-'))
    const port = (receiver.address() as AddressInfo).port
    const timed = await startStripeLocal({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      secretKey: SECRET_KEY,
      webhookSecret: WEBHOOK_SECRET,
      webhookUrl: `http://127.0.0.1:${port}/hook`,
      asyncSettleMs: 100,
    })
    try {
      const url = new URL(timed.url)
      const client = new Stripe(SECRET_KEY, {
        host: url.hostname,
        port: Number(url.port),
        protocol: 'http',
        maxNetworkRetries: 0,
      })
      const session = await client.checkout.sessions.create(params())
      await payOnHostedPage(session.url!, undefined, { bankAccount: '000123456789' })
      await waitFor(() =>
        eventsFor(session.id).find((e) => e.type === 'checkout.session.async_payment_succeeded'),
      )
      expect((await client.checkout.sessions.retrieve(session.id)).payment_status).toBe('paid')
    } finally {
      await timed.close()
      removeDir(dataDir)
    }
  })
})

describe('sessions without the store metadata', () => {
  it('creates, pays and delivers a session created with no metadata at all (as a Payment Link would)', async () => {
    const { metadata, ...bare } = params()
    expect(metadata).toBeDefined()
    const session = await stripe.checkout.sessions.create(bare)
    expect(session.metadata).toEqual({})
    expect((await payOnHostedPage(session.url!)).status).toBe(303)
    const event = await waitFor(() => eventsFor(session.id)[0])
    expect(event.type).toBe('checkout.session.completed')
    expect(event.data.object).toMatchObject({ metadata: {}, payment_status: 'paid' })
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
    [
      'sessions.expire',
      () => stripe.checkout.sessions.expire('cs_test_nope'),
      404,
      'session',
      "No such checkout.session: 'cs_test_nope'",
    ],
    [
      'coupons.retrieve',
      () => stripe.coupons.retrieve('NOPE'),
      404,
      'id',
      "No such coupon: 'NOPE'",
    ],
    ['coupons.del', () => stripe.coupons.del('NOPE'), 404, 'id', "No such coupon: 'NOPE'"],
    // Names every plain object has are ids like any other.
    [
      'coupons.retrieve, an Object property name',
      () => stripe.coupons.retrieve('constructor'),
      404,
      'id',
      "No such coupon: 'constructor'",
    ],
    [
      'sessions.retrieve, an Object property name',
      () => stripe.checkout.sessions.retrieve('toString'),
      404,
      'session',
      "No such checkout.session: 'toString'",
    ],
    [
      'paymentIntents.retrieve',
      () => stripe.paymentIntents.retrieve('pi_nope'),
      404,
      'intent',
      "No such payment_intent: 'pi_nope'",
    ],
    [
      'paymentIntents.retrieve, no prefix',
      () => stripe.paymentIntents.retrieve('nope'),
      404,
      'intent',
      "No such payment_intent: 'nope'",
    ],
    [
      'refunds.retrieve',
      () => stripe.refunds.retrieve('re_nope'),
      404,
      'id',
      "No such refund: 're_nope'",
    ],
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
  it.each(cases)(
    '%s raises resource_missing with Stripe’s param',
    async (_name, call, statusCode, param, message) => {
      const error = await call().catch((e) => e)
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
      expect(error).toMatchObject({
        statusCode,
        code: 'resource_missing',
        param,
        message,
        rawType: 'invalid_request_error',
      })
    },
  )
})

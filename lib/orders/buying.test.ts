import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { priceCart } from '../cart/pricing'
import { addToCart } from '../cart/mutations'
import { newCart } from '../cart/cookie'
import { addLineInput } from '../cart/schema'
import { findHold } from '../checkout/holds'
import { checkoutKey, startCheckout } from '../checkout/start'
import { HttpError } from '../http/errors'
import { stripe } from '../payments/stripe'
import { newClient } from '../test/clients'
import { cartWith, signedEvent, startBuyingStack } from '../test/buying-stack'
import { eventually } from '../test/eventually'
import { payOnHostedPage } from '../../services/stripe-local/test/harness'
import { REVENUE_BY_ARTICLE_QUERY } from '@/sanity/queries'
import { flushOutbox } from './outbox/deliver'
import { orderById } from './records'
import { processStripeWebhook } from './webhook'

let stack: Awaited<ReturnType<typeof startBuyingStack>>

const ARTICLE = 'article-magnesium-restless-legs'
const MAGNESIUM = { productId: 'product-magnesium-glycinate', variantKey: '60-caps' }

beforeAll(async () => {
  stack = await startBuyingStack()
})

afterAll(() => stack.stop())

const variant = (productId: string, key: string) => stack.stock(productId, key)
const firstKey = (productId: string) => stack.firstKey(productId)

describe('cart pricing', () => {
  it('ignores a price sent by the client and prices from the lake', async () => {
    const input = addLineInput.parse({ ...MAGNESIUM, quantity: 2, unitAmount: 1, priceCents: 1 })
    expect(input).not.toHaveProperty('unitAmount')
    const cart = await addToCart(newCart(), input)
    const priced = await priceCart(cart)
    expect(priced.lines[0]).toMatchObject({ unitAmount: 2400, lineTotal: 4800, status: 'ok' })
    expect(priced.subtotal).toBe(4800)
  })

  it('refuses unknown products and more units than are available, with clear messages', async () => {
    await expect(
      addToCart(newCart(), addLineInput.parse({ productId: 'product-nope', variantKey: 'x' })),
    ).rejects.toMatchObject({
      status: 404,
    })
    await expect(
      addToCart(
        newCart(),
        addLineInput.parse({ productId: 'product-white-noise-machine', variantKey: 'cloud' }),
      ),
    ).rejects.toThrow(/sold out/)
    await expect(
      addToCart(newCart(), addLineInput.parse({ ...MAGNESIUM, sourceArticle: 'article-nope' })),
    ).rejects.toMatchObject({
      status: 400,
    })
  })

  it('reports a line whose product vanished instead of dropping it', async () => {
    const priced = await priceCart({
      id: newCart().id,
      lines: [{ productId: 'product-gone', variantKey: 'x', quantity: 1 }],
    })
    expect(priced.lines[0]).toMatchObject({ status: 'unavailable', lineTotal: 0 })
    expect(priced.canCheckout).toBe(false)
  })
})

describe('buying', () => {
  it('reserves stock, pays, and records one order with the article attribution', async () => {
    const before = await variant(MAGNESIUM.productId, MAGNESIUM.variantKey)
    const cart = await cartWith([{ ...MAGNESIUM, quantity: 2, sourceArticle: ARTICLE }])
    const { url, sessionId } = await startCheckout(cart, await priceCart(cart), newClient())
    expect(await variant(MAGNESIUM.productId, MAGNESIUM.variantKey)).toEqual({
      onHand: before.onHand,
      held: before.held + 2,
      sold: before.sold,
    })

    // A double click gets the same session and reserves nothing more.
    const again = await startCheckout(cart, await priceCart(cart), newClient())
    expect(again.sessionId).toBe(sessionId)
    expect((await variant(MAGNESIUM.productId, MAGNESIUM.variantKey)).held).toBe(before.held + 2)

    const session = await stripe().checkout.sessions.retrieve(sessionId, { expand: ['line_items'] })
    expect(session.line_items?.data[0]?.price?.unit_amount).toBe(2400)
    expect(session.metadata).toMatchObject({
      holdId: `hold-${checkoutKey(cart)}`,
      articles: ARTICLE,
    })

    expect((await payOnHostedPage(url)).status).toBe(303)
    const order = await eventually(
      "the order from Stripe's delivery",
      () => orderById(`order-${sessionId}`),
      Boolean,
    )
    expect(order).toMatchObject({
      status: 'paid',
      email: 'buyer@example.com',
      amountSubtotal: 4800,
    })
    expect(order?.lines).toEqual([
      expect.objectContaining({ quantity: 2, unitAmount: 2400, amount: 4800 }),
    ])

    // The outbox mirrors it into the lake, under a private path, with the article that sold it.
    await flushOutbox()
    const mirror = await stack.lake.client.getDocument(`orders.order-${sessionId}`)
    expect(mirror).toMatchObject({
      _type: 'order',
      status: 'paid',
      orderNumber: order?.orderNumber,
    })
    expect(mirror?.lines).toEqual([
      expect.objectContaining({
        quantity: 2,
        unitAmount: 2400,
        amount: 4800,
        article: expect.objectContaining({ _ref: ARTICLE }),
      }),
    ])
    expect(await variant(MAGNESIUM.productId, MAGNESIUM.variantKey)).toEqual({
      onHand: before.onHand - 2,
      held: before.held,
      sold: before.sold + 2,
    })
    expect((await findHold(`hold-${checkoutKey(cart)}`))?.status).toBe('completed')

    const revenue = await stack.lake.client.fetch(REVENUE_BY_ARTICLE_QUERY)
    expect(revenue.find((row) => row._id === ARTICLE)).toMatchObject({ units: 2, revenue: 4800 })
  })

  it('creates one order when the same event arrives five times at once, and rejects a bad signature', async () => {
    const cart = await cartWith([
      { productId: 'product-silk-sleep-mask', variantKey: 'navy', quantity: 1 },
    ])
    const key = cart.lines[0].variantKey
    const before = await variant('product-silk-sleep-mask', key)
    const { url, sessionId } = await startCheckout(cart, await priceCart(cart), newClient())
    stack.state.acceptWebhooks = false // Stripe's own delivery waits; we deliver the event ourselves
    await payOnHostedPage(url)
    const session = await stripe().checkout.sessions.retrieve(sessionId)

    const forged = signedEvent('checkout.session.completed', session)
    const bad = await processStripeWebhook(
      forged.payload,
      forged.header.replace(/v1=[0-9a-f]{4}/, 'v1=0000'),
    )
    expect(bad.status).toBe(400)
    expect(await processStripeWebhook(forged.payload, null)).toMatchObject({ status: 400 })
    expect(await orderById(`order-${sessionId}`)).toBeNull()

    const results = await Promise.all(
      Array.from({ length: 5 }, () => processStripeWebhook(forged.payload, forged.header)),
    )
    const kinds = results.map((r) => ('outcome' in r.body ? r.body.outcome : r.body.error)).sort()
    expect(kinds).toEqual(['created', 'duplicate', 'duplicate', 'duplicate', 'duplicate'])
    await flushOutbox()
    expect(
      await stack.lake.client.fetch('count(*[_type == "order" && stripeSessionId == $id])', {
        id: sessionId,
      }),
    ).toBe(1)
    expect(await variant('product-silk-sleep-mask', key)).toEqual({
      onHand: before.onHand - 1,
      held: before.held,
      sold: before.sold + 1,
    })
    const answered = stack.state.outcomes.length
    stack.state.acceptWebhooks = true
    // Stripe's retried delivery of the real event lands later and changes nothing. The double's
    // retries (150 ms, doubling, 8 attempts) run for about 19 s after the first refusal.
    await eventually(
      "Stripe's retried delivery, answered as a duplicate",
      async () => stack.state.outcomes.slice(answered),
      (o) => o.includes('duplicate'),
      { timeoutMs: 20_000 },
    )
    expect(await variant('product-silk-sleep-mask', key)).toEqual({
      onHand: before.onHand - 1,
      held: before.held,
      sold: before.sold + 1,
    })
  })

  it('handles an expired event that arrives before the completed one', async () => {
    const cart = await cartWith([
      {
        productId: 'product-cooling-pillow',
        variantKey: await firstKey('product-cooling-pillow'),
        quantity: 1,
      },
    ])
    const key = cart.lines[0].variantKey
    const before = await variant('product-cooling-pillow', key)
    const { url, sessionId } = await startCheckout(cart, await priceCart(cart), newClient())
    stack.state.acceptWebhooks = false
    await payOnHostedPage(url)
    const session = await stripe().checkout.sessions.retrieve(sessionId)
    const expired = signedEvent('checkout.session.expired', session)
    expect((await processStripeWebhook(expired.payload, expired.header)).body).toMatchObject({
      outcome: 'released',
    })
    expect(await variant('product-cooling-pillow', key)).toEqual(before)
    const completed = signedEvent('checkout.session.completed', session)
    expect((await processStripeWebhook(completed.payload, completed.header)).body).toMatchObject({
      outcome: 'created',
    })
    expect(await variant('product-cooling-pillow', key)).toEqual({
      onHand: before.onHand - 1,
      held: before.held,
      sold: before.sold + 1,
    })
    stack.state.acceptWebhooks = true
  })

  it('sells the last 3 units to exactly 3 of 10 concurrent checkouts; the rest get a clear 409', async () => {
    const productId = 'product-massage-roller'
    const key = await firstKey(productId)
    await stack.setStock(productId, key, 3)
    const carts = await Promise.all(
      Array.from({ length: 10 }, () => cartWith([{ productId, variantKey: key, quantity: 1 }])),
    )
    const results = await Promise.allSettled(
      carts.map(async (cart) => startCheckout(cart, await priceCart(cart), newClient())),
    )
    const sessions = results.filter((r) => r.status === 'fulfilled')
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
    expect(sessions).toHaveLength(3)
    expect(refusals).toHaveLength(7)
    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(HttpError)
      expect(refusal.status).toBe(409)
      expect(refusal.message).toMatch(/Massage|Roller/i)
    }
    expect(await variant(productId, key)).toEqual({ onHand: 3, held: 3, sold: 0 })
  })

  it('gives the stock back when a session expires', async () => {
    const productId = 'product-tart-cherry-gummies'
    const key = await firstKey(productId)
    const before = await variant(productId, key)
    const cart = await cartWith([{ productId, variantKey: key, quantity: 3 }])
    const { sessionId } = await startCheckout(cart, await priceCart(cart), newClient())
    expect((await variant(productId, key)).held).toBe(before.held + 3)
    await stripe().checkout.sessions.expire(sessionId)
    expect(
      await eventually(
        "the expired session's stock to be released",
        () => variant(productId, key),
        (v) => v.held === before.held,
      ),
    ).toEqual(before)
    // Checking out the same cart again starts a fresh attempt with a new session.
    const next = await startCheckout(cart, await priceCart(cart), newClient())
    expect(next.sessionId).not.toBe(sessionId)
    expect((await variant(productId, key)).held).toBe(before.held + 3)
  })
})

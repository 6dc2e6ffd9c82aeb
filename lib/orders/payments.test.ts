import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { applyPromotion } from '../cart/mutations'
import { priceCart } from '../cart/pricing'
import { findHold, releaseLapsedHolds } from '../checkout/holds'
import { checkoutKey, startCheckout } from '../checkout/start'
import { stripe } from '../payments/stripe'
import { cartWith, signedEvent, startBuyingStack } from '../test/buying-stack'
import { newClient } from '../test/clients'
import { eventually } from '../test/eventually'
import { startInbox } from '../test/inbox'
import { payOnHostedPage, settleBankDebit } from '../../services/stripe-local/test/harness'
import { flushOutbox } from './outbox/deliver'
import { findOrderForSession } from './lookup'
import { orderById } from './records'
import { processStripeWebhook } from './webhook'

// What real Stripe does that a simpler double would hide, through stripe-node against the Stripe
// double: sessions this store did not open, free orders, and bank debits that settle later.

let stack: Awaited<ReturnType<typeof startBuyingStack>>
let inbox: Awaited<ReturnType<typeof startInbox>>
const MASK = { productId: 'product-silk-sleep-mask', variantKey: 'navy' }
const DAY = 24 * 60 * 60_000

beforeAll(async () => {
  inbox = await startInbox()
  stack = await startBuyingStack({ smtpUrl: inbox.smtpUrl })
  await stack.setStock(MASK.productId, MASK.variantKey, 100)
})
afterAll(async () => {
  await stack.stop()
  await inbox.stop()
})

/** Outbox jobs about a session or its order. */
const jobsAbout = (sessionId: string) =>
  stack.query('select topic, subject from outbox where subject like $1', [`%${sessionId}`])

const outcomesSince = (start: number) => stack.state.outcomes.slice(start)
const delivered = (start: number, outcome: string) =>
  eventually(
    `Stripe's delivery answered '${outcome}'`,
    async () => outcomesSince(start),
    (o) => o.includes(outcome),
  )

async function openCheckout(lines = [{ ...MASK, quantity: 1 }], code?: string) {
  let cart = await cartWith(lines)
  if (code) cart = (await applyPromotion(cart, code)).cart
  return { cart, ...(await startCheckout(cart, await priceCart(cart), newClient())) }
}

describe('sessions this store did not open', () => {
  /** Another deployment on the same Stripe account (a preview, staging, a developer's `stripe listen`). */
  const foreignSession = (metadata: Record<string, string>) =>
    stripe().checkout.sessions.create({
      mode: 'payment',
      line_items: [
        {
          quantity: 1,
          price_data: { currency: 'usd', unit_amount: 1500, product_data: { name: 'Gift card' } },
        },
      ],
      success_url: 'https://elsewhere.example/thanks',
      metadata,
    })

  it('are acknowledged and touch nothing, even when they name one of our holds: no order, no stock, no email, no refund', async () => {
    // One of our checkouts is open; the other store's sessions carry its hold's id.
    const ours = await openCheckout()
    const holdId = `hold-${checkoutKey(ours.cart)}`
    const before = await stack.stock(MASK.productId, MASK.variantKey)
    const sessions = [
      await foreignSession({}), // a Payment Link or Dashboard session
      await foreignSession({ holdId, storeId: 'store-preview-1234' }), // another deployment of this code
      await foreignSession({ holdId }), // an older deployment, from before stores named themselves
    ]
    for (const foreign of sessions) {
      const start = stack.state.outcomes.length
      expect((await payOnHostedPage(foreign.url!)).status).toBe(303)
      await delivered(start, 'ignored')
      expect(outcomesSince(start)).not.toContain('refunded')
      // Its expiry, or a failed payment, releases nothing of ours either.
      for (const type of ['checkout.session.expired', 'checkout.session.async_payment_failed']) {
        const event = signedEvent(type, await stripe().checkout.sessions.retrieve(foreign.id))
        expect((await processStripeWebhook(event.payload, event.header)).body).toMatchObject({
          outcome: 'ignored',
        })
      }
      expect(await orderById(`order-${foreign.id}`)).toBeNull()
      expect(await findOrderForSession(foreign.id)).toEqual({ kind: 'unknown' })
      expect(await jobsAbout(foreign.id)).toEqual([])
      const paid = await stripe().checkout.sessions.retrieve(foreign.id, {
        expand: ['payment_intent'],
      })
      expect(paid.payment_status).toBe('paid')
    }
    expect(await stack.stock(MASK.productId, MASK.variantKey)).toEqual(before)
    expect(await findHold(holdId)).toMatchObject({ status: 'open', sessionId: ours.sessionId })
    await flushOutbox()
    expect(await inbox.emails()).toEqual([])
    await stripe().checkout.sessions.expire(ours.sessionId)
  })

  it('carry our store id in the metadata of the sessions we open', async () => {
    const { sessionId, cart } = await openCheckout()
    const session = await stripe().checkout.sessions.retrieve(sessionId)
    expect(session.metadata).toMatchObject({
      holdId: `hold-${checkoutKey(cart)}`,
      storeId: expect.stringMatching(/^store-[0-9a-f]{16}$/),
    })
    await stripe().checkout.sessions.expire(sessionId)
  })
})

describe('the success page', () => {
  it('never asks Stripe about a session this store did not open', async () => {
    const retrieve = vi.spyOn(stripe().checkout.sessions, 'retrieve')
    try {
      for (let i = 0; i < 20; i++) {
        const made = `cs_live_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`
        expect(await findOrderForSession(made)).toEqual({ kind: 'unknown' })
      }
      expect(retrieve).not.toHaveBeenCalled()
    } finally {
      retrieve.mockRestore()
    }
  })
})

describe('a free order', () => {
  it('is recorded as an order when Stripe completes it with no_payment_required', async () => {
    await stack.lake.client.createOrReplace({
      _id: 'promotion-everything',
      _type: 'promotion',
      code: 'EVERYTHING',
      active: true,
      discountType: 'percent',
      percentOff: 100,
    })
    // Standard shipping free from $0: nothing at all to pay.
    await stack.lake.client
      .patch('storeSettings')
      .set({ 'shippingRates[_key=="standard"].freeFromCents': 0 })
      .commit()
    try {
      const before = await stack.stock(MASK.productId, MASK.variantKey)
      const { cart, url, sessionId } = await openCheckout([{ ...MASK, quantity: 1 }], 'EVERYTHING')
      const start = stack.state.outcomes.length
      expect((await payOnHostedPage(url, undefined, { shipping: 'Standard' })).status).toBe(303)
      await delivered(start, 'created')
      const session = await stripe().checkout.sessions.retrieve(sessionId)
      expect(session).toMatchObject({ payment_status: 'no_payment_required', amount_total: 0 })
      expect(await orderById(`order-${sessionId}`)).toMatchObject({
        status: 'paid',
        amountTotal: 0,
        promotionCode: 'EVERYTHING',
      })
      expect(await stack.stock(MASK.productId, MASK.variantKey)).toEqual({
        onHand: before.onHand - 1,
        held: before.held,
        sold: before.sold + 1,
      })
      expect((await findHold(`hold-${checkoutKey(cart)}`))?.status).toBe('completed')
    } finally {
      await stack.lake.client
        .patch('storeSettings')
        .set({ 'shippingRates[_key=="standard"].freeFromCents': 7500 })
        .commit()
    }
  })
})

describe('the success page before the webhook', () => {
  it('records the paid order itself and says its email and mirror are due, once', async () => {
    stack.state.acceptWebhooks = false // Stripe's delivery waits, as when it is slow
    try {
      const { sessionId, url } = await openCheckout()
      expect((await payOnHostedPage(url)).status).toBe(303)
      expect(await findOrderForSession(sessionId)).toMatchObject({
        kind: 'order',
        recordedNow: true,
        order: { status: 'paid' },
      })
      // A reload finds the order recorded: its follow-ups are not due twice.
      expect(await findOrderForSession(sessionId)).toMatchObject({
        kind: 'order',
        recordedNow: false,
      })
    } finally {
      stack.state.acceptWebhooks = true
    }
  })
})

describe('a bank debit', () => {
  it('shows as processing, holds the stock, and becomes one order when it settles', async () => {
    const before = await stack.stock(MASK.productId, MASK.variantKey)
    const { cart, url, sessionId } = await openCheckout()
    const start = stack.state.outcomes.length
    expect((await payOnHostedPage(url, undefined, { bankAccount: '000123456789' })).status).toBe(
      303,
    )
    await delivered(start, 'awaiting_payment')
    expect(await findOrderForSession(sessionId)).toEqual({ kind: 'processing' })
    expect(await stack.stock(MASK.productId, MASK.variantKey)).toEqual({
      onHand: before.onHand,
      held: before.held + 1,
      sold: before.sold,
    })

    // Days pass: the sweep of lapsed checkouts leaves a settling payment's hold alone.
    expect(await releaseLapsedHolds(new Date(Date.now() + 5 * DAY))).toBe(0)
    expect(await findHold(`hold-${checkoutKey(cart)}`)).toMatchObject({ status: 'open', sessionId })
    expect(await stack.stock(MASK.productId, MASK.variantKey)).toEqual({
      onHand: before.onHand,
      held: before.held + 1,
      sold: before.sold,
    })

    expect((await settleBankDebit(stack.double.url, sessionId)).status).toBe(200)
    await delivered(start, 'created')
    expect(await orderById(`order-${sessionId}`)).toMatchObject({ status: 'paid' })
    expect(await stack.stock(MASK.productId, MASK.variantKey)).toEqual({
      onHand: before.onHand - 1,
      held: before.held,
      sold: before.sold + 1,
    })
    expect((await findHold(`hold-${checkoutKey(cart)}`))?.status).toBe('completed')
  })

  it('that fails releases the hold, records no order and tells the buyer', async () => {
    const before = await stack.stock(MASK.productId, MASK.variantKey)
    const { cart, url, sessionId } = await openCheckout([{ ...MASK, quantity: 2 }])
    const start = stack.state.outcomes.length
    expect((await payOnHostedPage(url, undefined, { bankAccount: '000111111116' })).status).toBe(
      303,
    )
    await delivered(start, 'awaiting_payment')
    expect((await settleBankDebit(stack.double.url, sessionId)).status).toBe(200)
    await delivered(start, 'released')
    expect(await orderById(`order-${sessionId}`)).toBeNull()
    expect(await stack.stock(MASK.productId, MASK.variantKey)).toEqual(before)
    expect((await findHold(`hold-${checkoutKey(cart)}`))?.status).toBe('released')
    await flushOutbox()
    const told = await eventually(
      'the payment-failed email',
      async () =>
        (await inbox.emails()).filter(
          (e) => e.subject === 'Your Restwell payment did not go through',
        ),
      (emails) => emails.length > 0,
    )
    expect(told).toHaveLength(1)
    expect(told[0].text).toContain('nothing was charged')
  })
})

describe('order lines', () => {
  it('carry their own title and variant, even when the title contains the separator Stripe shows', async () => {
    await stack.lake.client.createOrReplace({
      _id: 'product-dash',
      _type: 'product',
      title: 'Sleep mask — travel edition',
      slug: { _type: 'slug', current: 'sleep-mask-travel-edition' },
      variants: [
        {
          _key: 'grey',
          _type: 'productVariant',
          title: 'Grey — large',
          sku: 'RW-DASH',
          priceCents: 1900,
          currency: 'usd',
        },
      ],
    })
    await stack.setStock('product-dash', 'grey', 5)
    const { url, sessionId } = await openCheckout([
      { productId: 'product-dash', variantKey: 'grey', quantity: 1 },
    ])
    const start = stack.state.outcomes.length
    await payOnHostedPage(url)
    await delivered(start, 'created')
    expect((await orderById(`order-${sessionId}`))?.lines).toEqual([
      expect.objectContaining({
        productId: 'product-dash',
        title: 'Sleep mask — travel edition',
        variantTitle: 'Grey — large',
      }),
    ])
  })
})

describe('refunds and disputes made in the Dashboard', () => {
  const deliver = async (type: string, object: unknown) => {
    const event = signedEvent(type, object)
    const result = await processStripeWebhook(event.payload, event.header)
    expect(result.status).toBe(200)
    return 'outcome' in result.body ? result.body.outcome : result.body.error
  }
  const charge = (paymentIntent: string, amount: number, refunded: number) => ({
    id: `ch_${Math.random().toString(36).slice(2)}`,
    object: 'charge',
    payment_intent: paymentIntent,
    amount,
    amount_refunded: refunded,
    refunded: refunded >= amount,
  })
  const dispute = (paymentIntent: string, status: string) => ({
    id: `dp_${Math.random().toString(36).slice(2)}`,
    object: 'dispute',
    payment_intent: paymentIntent,
    reason: 'fraudulent',
    status,
  })
  async function paidOrder() {
    const { url, sessionId } = await openCheckout()
    const start = stack.state.outcomes.length
    await payOnHostedPage(url)
    await delivered(start, 'created')
    return (await orderById(`order-${sessionId}`))!
  }
  const mirrorOf = async (orderId: string) => {
    await flushOutbox()
    return stack.lake.client.getDocument(`orders.${orderId}`)
  }

  it('show on the order and its mirror: a partial refund, then the rest', async () => {
    const order = await paidOrder()
    const intent = order.paymentIntentId!
    expect(await deliver('charge.refunded', charge(intent, order.amountTotal, 500))).toBe('updated')
    expect(await orderById(order.id)).toMatchObject({
      status: 'partially_refunded',
      amountRefunded: 500,
    })
    expect(await mirrorOf(order.id)).toMatchObject({
      status: 'partially_refunded',
      amountRefunded: 500,
    })
    const full = charge(intent, order.amountTotal, order.amountTotal)
    expect(await deliver('charge.refunded', full)).toBe('updated')
    expect(await deliver('charge.refunded', { ...full, id: 'ch_again' })).toBe('unchanged')
    expect(await orderById(order.id)).toMatchObject({
      status: 'refunded',
      amountRefunded: order.amountTotal,
    })
    expect(await mirrorOf(order.id)).toMatchObject({
      status: 'refunded',
      amountRefunded: order.amountTotal,
    })
  })

  it('mark a disputed order, and settle it as the bank decided', async () => {
    const lost = await paidOrder()
    expect(
      await deliver('charge.dispute.created', dispute(lost.paymentIntentId!, 'needs_response')),
    ).toBe('updated')
    expect(await orderById(lost.id)).toMatchObject({
      status: 'disputed',
      note: 'Disputed: fraudulent',
    })
    expect(await mirrorOf(lost.id)).toMatchObject({ status: 'disputed' })
    expect(await deliver('charge.dispute.closed', dispute(lost.paymentIntentId!, 'lost'))).toBe(
      'updated',
    )
    expect(await orderById(lost.id)).toMatchObject({ status: 'dispute_lost' })

    const won = await paidOrder()
    await deliver('charge.dispute.created', dispute(won.paymentIntentId!, 'needs_response'))
    expect(await deliver('charge.dispute.closed', dispute(won.paymentIntentId!, 'won'))).toBe(
      'updated',
    )
    expect(await orderById(won.id)).toMatchObject({
      status: 'paid',
      note: 'Dispute won: fraudulent',
    })
  })

  it('leave payments this store has no order for alone', async () => {
    expect(await deliver('charge.refunded', charge('pi_someone_else', 1500, 1500))).toBe('ignored')
    expect(
      await deliver('charge.dispute.created', dispute('pi_someone_else', 'needs_response')),
    ).toBe('ignored')
  })
})

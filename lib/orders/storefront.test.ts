import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyPromotion } from '../cart/mutations'
import type { Cart } from '../cart/schema'
import { priceCart } from '../cart/pricing'
import { startCheckout } from '../checkout/start'
import { HttpError } from '../http/errors'
import { isStripeError, stripe } from '../payments/stripe'
import { newClient } from '../test/clients'
import { cartWith, signedEvent, startBuyingStack } from '../test/buying-stack'
import { eventually } from '../test/eventually'
import { orderLinkIn, startInbox, type InboxEmail } from '../test/inbox'
import { payOnHostedPage } from '../../services/stripe-local/test/harness'
import { and, eq } from 'drizzle-orm'
import { db } from '../db/client'
import { outbox } from '../db/schema'
import {
  deliverFollowUps,
  deliverOrderEmails,
  flushOutbox,
  retryFailedEmails,
} from './outbox/deliver'
import { checkOrderToken } from './link'
import { enqueue } from './outbox/queue'
import { orderById } from './records'
import { processStripeWebhook } from './webhook'

/** Promotion codes, shipping choice and the confirmation email, against the real local services and MailDev. */
let stack: Awaited<ReturnType<typeof startBuyingStack>>
let inbox: Awaited<ReturnType<typeof startInbox>>

const MAGNESIUM = { productId: 'product-magnesium-glycinate', variantKey: '60-caps' }

beforeAll(async () => {
  inbox = await startInbox()
  stack = await startBuyingStack({ smtpUrl: inbox.smtpUrl })
  await stack.setStock(MAGNESIUM.productId, MAGNESIUM.variantKey, 500)
})

afterAll(async () => {
  await stack.stop()
  await inbox.stop()
})

const withCode = async (cart: Cart, code: string) => (await applyPromotion(cart, code)).cart
const order = (sessionId: string) => orderById(`order-${sessionId}`)
/** The order's confirmation-email jobs in the outbox. */
const emailJobs = (orderId: string) =>
  stack.database
    .select()
    .from(outbox)
    .where(and(eq(outbox.topic, 'order_email'), eq(outbox.subject, orderId)))
const counters = (id: string) => stack.uses(id)
const emailsFor = async (orderNumber: string): Promise<InboxEmail[]> =>
  (await inbox.emails()).filter((e) => e.subject.includes(orderNumber))

/** A Stripe coupon the store deleted (after the webhook for its session was handled). */
const couponGone = (id: string) =>
  eventually(
    `coupon ${id} to be deleted`,
    () =>
      stripe()
        .coupons.retrieve(id)
        .then(
          () => 'exists',
          (error) => (isStripeError(error, 404) ? 'gone' : 'error'),
        ),
    (state) => state === 'gone',
  )

async function paidOrder(sessionId: string) {
  return eventually(
    `order-${sessionId} to be paid`,
    () => order(sessionId),
    (doc) => doc?.status === 'paid',
  )
}

describe('promotion codes and shipping', () => {
  it('charges the discount and the Express rate the server computed, and records both on the order', async () => {
    const cart = await withCode(
      await cartWith([{ ...MAGNESIUM, quantity: 2 }]),
      'sleep10'.toUpperCase(),
    )
    const priced = await priceCart(cart)
    expect(priced).toMatchObject({ subtotal: 4800, discount: 480, goodsTotal: 4320 })
    expect(priced.shipping.map((q) => [q.title, q.amount])).toEqual([
      ['Standard', 595],
      ['Express', 1495],
    ])

    const { url, sessionId } = await startCheckout(cart, priced, newClient())
    const session = await stripe().checkout.sessions.retrieve(sessionId, {
      expand: ['shipping_options.shipping_rate'],
    })
    expect(session.total_details?.amount_discount).toBe(480)
    expect(session.shipping_options).toHaveLength(2)
    // Stripe Tax is off unless the shop turns it on: nothing about tax is sent.
    expect(session.automatic_tax.enabled).toBe(false)
    expect(
      session.shipping_options.map((o) => (o.shipping_rate as Stripe.ShippingRate).tax_code),
    ).toEqual([null, null])

    expect((await payOnHostedPage(url, undefined, { shipping: 'Express' })).status).toBe(303)
    const paid = await stripe().checkout.sessions.retrieve(sessionId)
    expect(paid.shipping_cost?.amount_total).toBe(1495)
    expect(paid.amount_total).toBe(4800 - 480 + 1495)

    expect(await paidOrder(sessionId)).toMatchObject({
      amountSubtotal: 4800,
      amountDiscount: 480,
      amountShipping: 1495,
      amountTax: 0,
      amountTotal: 5815,
      shippingMethod: 'Express',
      promotionCode: 'SLEEP10',
      shippingAddress: expect.objectContaining({ line1: '12 Quiet Lane' }),
    })
    expect(await counters('promotion-sleep10')).toEqual({ redeemed: 1, held: 0 })
    // The one-use coupon made for this attempt is deleted once its session completed.
    await couponGone(session.discounts![0].coupon as string)
  })

  it('makes Standard free from the threshold in the settings, measured after the discount', async () => {
    await stack.lake.client
      .patch('storeSettings')
      .set({ 'shippingRates[_key=="standard"].freeFromCents': 4000 })
      .commit()
    const cart = await withCode(await cartWith([{ ...MAGNESIUM, quantity: 2 }]), 'SLEEP10')
    expect((await priceCart(cart)).shipping[0]).toMatchObject({ title: 'Standard', amount: 0 }) // 4320 ≥ 4000
    await stack.lake.client
      .patch('storeSettings')
      .set({ 'shippingRates[_key=="standard"].freeFromCents': 4500 })
      .commit()
    expect((await priceCart(cart)).shipping[0]).toMatchObject({ title: 'Standard', amount: 595 }) // 4320 < 4500, though 4800 is not
  })

  it('gives a code with one use left to exactly one of 20 concurrent checkouts', async () => {
    await stack.lake.client.create({
      _id: 'promotion-lastone',
      _type: 'promotion',
      code: 'LASTONE',
      active: true,
      discountType: 'percent',
      percentOff: 20,
      maxRedemptions: 1,
    })
    const before = await stack.stock(MAGNESIUM.productId, MAGNESIUM.variantKey)
    const carts = await Promise.all(
      Array.from({ length: 20 }, async () =>
        withCode(await cartWith([{ ...MAGNESIUM, quantity: 1 }]), 'LASTONE'),
      ),
    )
    const results = await Promise.allSettled(
      carts.map(async (cart) => startCheckout(cart, await priceCart(cart), newClient())),
    )

    const opened = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
    expect(opened).toHaveLength(1)
    expect(refused).toHaveLength(19)
    for (const refusal of refused) {
      expect(refusal).toBeInstanceOf(HttpError)
      expect(refusal).toMatchObject({
        status: 409,
        message: expect.stringMatching(/LASTONE has been used up/),
      })
    }
    // The refused checkouts held nothing: one unit and one use are held, by the one that opened.
    expect(await stack.stock(MAGNESIUM.productId, MAGNESIUM.variantKey)).toEqual({
      onHand: before.onHand,
      held: before.held + 1,
      sold: before.sold,
    })
    expect(await counters('promotion-lastone')).toEqual({ redeemed: 0, held: 1 })

    await payOnHostedPage(opened[0].url)
    expect(await paidOrder(opened[0].sessionId)).toMatchObject({
      amountDiscount: 480,
      promotionCode: 'LASTONE',
    })
    expect(await counters('promotion-lastone')).toEqual({ redeemed: 1, held: 0 })
    await flushOutbox() // the mirror editors see
    expect(
      await stack.lake.client.fetch('count(*[_type == "order" && promotion.code == "LASTONE"])'),
    ).toBe(1)

    const late = await withCode(await cartWith([{ ...MAGNESIUM, quantity: 1 }]), 'LASTONE').catch(
      (error) => error,
    )
    expect(late).toMatchObject({ status: 422, message: 'LASTONE has been used up.' })
  })

  it('gives a held use back when the checkout expires', async () => {
    await stack.lake.client.create({
      _id: 'promotion-twice',
      _type: 'promotion',
      code: 'TWICE',
      active: true,
      discountType: 'amount',
      amountOffCents: 300,
      maxRedemptions: 2,
    })
    const cart = await withCode(await cartWith([{ ...MAGNESIUM, quantity: 1 }]), 'TWICE')
    const { sessionId } = await startCheckout(cart, await priceCart(cart), newClient())
    expect(await counters('promotion-twice')).toEqual({ redeemed: 0, held: 1 })
    await stripe().checkout.sessions.expire(sessionId)
    expect(
      await eventually(
        "the expired checkout's code use to be given back",
        () => counters('promotion-twice'),
        (c) => c.held === 0,
      ),
    ).toEqual({ redeemed: 0, held: 0 })
    const session = await stripe().checkout.sessions.retrieve(sessionId)
    await couponGone(session.discounts![0].coupon as string) // and so is its coupon
  })
})

describe('confirmation email', () => {
  it('is sent once, however many times and however concurrently the webhook arrives', async () => {
    const cart = await cartWith([{ ...MAGNESIUM, quantity: 1 }])
    const { url, sessionId } = await startCheckout(cart, await priceCart(cart), newClient())
    stack.state.acceptWebhooks = false // we deliver the event ourselves
    await payOnHostedPage(url)
    const event = signedEvent(
      'checkout.session.completed',
      await stripe().checkout.sessions.retrieve(sessionId),
    )

    // As the route does: each delivery that created the order sends its email; the timer flushes too.
    const results = await Promise.all(
      Array.from({ length: 5 }, () => processStripeWebhook(event.payload, event.header)),
    )
    await Promise.all([
      ...results.flatMap((r) => (r.orderId ? [deliverOrderEmails(r.orderId)] : [])),
      flushOutbox(),
      flushOutbox(),
    ])
    stack.state.acceptWebhooks = true
    expect(results.filter((r) => r.orderId)).toHaveLength(1)

    const placed = await paidOrder(sessionId)
    const emails = await eventually(
      `an email for ${placed!.orderNumber}`,
      () => emailsFor(placed!.orderNumber),
      (list) => list.length > 0,
    )
    await new Promise((r) => setTimeout(r, 500)) // a second email would have arrived by now
    expect(await emailsFor(placed!.orderNumber)).toHaveLength(1)
    expect(await emailJobs(`order-${sessionId}`)).toEqual([
      expect.objectContaining({ attempts: 1, doneAt: expect.any(Date) }),
    ])

    const [email] = emails
    expect(email.to).toEqual([expect.objectContaining({ address: 'buyer@example.com' })])
    expect(email.text).toContain('Total paid')
    expect(email.text).not.toMatch(/\bTax\b/) // none charged, none shown
    expect(email.text).toContain('12 Quiet Lane')
    const link = orderLinkIn(email)
    expect(link.pathname).toBe(`/orders/order-${sessionId}`)
    expect(checkOrderToken(`order-${sessionId}`, link.searchParams.get('token'))).toBe('valid')
  })

  it('keeps an email the SMTP server refused in the outbox and sends it on a later try', async () => {
    const cart = await cartWith([{ ...MAGNESIUM, quantity: 1 }])
    const { url, sessionId } = await startCheckout(cart, await priceCart(cart), newClient())
    const placed = await (async () => {
      await payOnHostedPage(url)
      return paidOrder(sessionId)
    })()
    await flushOutbox() // everything due so far goes out while the inbox is up

    await inbox.stop()
    const orderId = `order-${sessionId}`
    await db().transaction((tx) => enqueue(tx, 'order_email', orderId)) // one more confirmation due, as after a crash
    expect(await deliverOrderEmails(orderId)).toBe('retry_later')
    const failed = (await emailJobs(orderId)).find((job) => !job.doneAt)
    expect(failed).toMatchObject({ attempts: 1, lastError: expect.any(String) })
    expect(failed!.runAfter.getTime()).toBeGreaterThan(Date.now() + 20_000)
    expect(await deliverOrderEmails(orderId)).toBe('not_due') // not before its retry time

    inbox = await startInbox(inbox.ports)
    const later = new Date(Date.now() + 31_000)
    expect(await flushOutbox(later)).toContain('sent')
    expect((await emailJobs(orderId)).find((job) => job.id === failed!.id)).toMatchObject({
      attempts: 2,
      doneAt: expect.any(Date),
    })
    expect(await emailsFor(placed!.orderNumber)).toHaveLength(1)
  })

  it('retries an email for a day of SMTP outage, then shows it failed on the mirror, and sends it once queued again', async () => {
    const cart = await cartWith([{ ...MAGNESIUM, quantity: 1 }])
    const { url, sessionId } = await startCheckout(cart, await priceCart(cart), newClient())
    await payOnHostedPage(url)
    const placed = await paidOrder(sessionId)
    await flushOutbox()
    const orderId = `order-${sessionId}`
    expect(await order(sessionId)).toMatchObject({ emailStatus: 'sent' })

    await inbox.stop()
    await db().transaction((tx) => enqueue(tx, 'order_email', orderId))
    const hour = 60 * 60_000
    // Twenty-three hours in, the job is still retried (its backoff is capped at an hour)...
    expect(await deliverOrderEmails(orderId, new Date(Date.now() + 23 * hour))).toBe('retry_later')
    expect(
      (await emailJobs(orderId)).find((job) => !job.doneAt)?.runAfter.getTime(),
    ).toBeLessThanOrEqual(Date.now() + 24 * hour + 1000)
    // ...and a day in, it is given up, which the order and its mirror in the Studio show.
    const dayLater = new Date(Date.now() + 25 * hour)
    expect(await deliverOrderEmails(orderId, dayLater)).toBe('failed')
    expect(await order(sessionId)).toMatchObject({ emailStatus: 'failed' })
    expect(await deliverOrderEmails(orderId, new Date(dayLater.getTime() + 2 * hour))).toBe(
      'not_due',
    )
    await flushOutbox(dayLater)
    expect(await stack.lake.client.getDocument(`orders.${orderId}`)).toMatchObject({
      emailStatus: 'failed',
    })

    inbox = await startInbox(inbox.ports)
    expect(await retryFailedEmails([orderId])).toEqual([
      expect.objectContaining({ topic: 'order_email', subject: orderId }),
    ])
    expect(await deliverOrderEmails(orderId)).toBe('sent')
    expect(await order(sessionId)).toMatchObject({ emailStatus: 'sent' })
    await flushOutbox()
    expect(await stack.lake.client.getDocument(`orders.${orderId}`)).toMatchObject({
      emailStatus: 'sent',
    })
    expect(await emailsFor(placed!.orderNumber)).toHaveLength(1)
  })

  it('tells a buyer whose payment was refunded because the last unit sold while they paid', async () => {
    const productId = 'product-cooling-pillow'
    const key = await stack.firstKey(productId)
    await stack.setStock(productId, key, 1)
    const cart = await cartWith([{ productId, variantKey: key, quantity: 1 }])
    const { url, sessionId } = await startCheckout(cart, await priceCart(cart), newClient())
    stack.state.acceptWebhooks = false
    try {
      await payOnHostedPage(url)
      const session = await stripe().checkout.sessions.retrieve(sessionId)
      // The session lapsed first (its stock went back) and the unit sold to someone else.
      const expired = signedEvent('checkout.session.expired', session)
      expect((await processStripeWebhook(expired.payload, expired.header)).body).toMatchObject({
        outcome: 'released',
      })
      await stack.setStock(productId, key, 0)
      const completed = signedEvent('checkout.session.completed', session)
      const result = await processStripeWebhook(completed.payload, completed.header)
      expect(result.body).toMatchObject({ outcome: 'refunded' })
      await deliverFollowUps(result.orderId!)
    } finally {
      stack.state.acceptWebhooks = true
    }
    const refunded = await order(sessionId)
    expect(refunded).toMatchObject({ status: 'refunded', emailStatus: 'sent' })
    const emails = await emailsFor(refunded!.orderNumber)
    expect(emails.map((e) => e.subject)).toEqual([
      `Your Restwell order ${refunded!.orderNumber} was refunded`,
    ])
    expect(emails[0].text).toMatch(/sold out while you were paying/)
    expect(emails[0].text).toContain('Total refunded')
    expect(emails[0].to).toEqual([expect.objectContaining({ address: 'buyer@example.com' })])
  })
})

import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { OrderSummary } from '@/components/OrderSummary'
import { applyPromotion } from '../cart/mutations'
import { priceCart } from '../cart/pricing'
import { startCheckout } from '../checkout/start'
import { stripe } from '../payments/stripe'
import { cartWith, startBuyingStack } from '../test/buying-stack'
import { newClient } from '../test/clients'
import { eventually } from '../test/eventually'
import { startInbox } from '../test/inbox'
import { payOnHostedPage } from '../../services/stripe-local/test/harness'
import { flushOutbox } from './outbox/deliver'
import { orderById, type Order } from './records'
import { orderTax } from './tax'

/**
 * Stripe Tax switched on (STRIPE_AUTOMATIC_TAX=true, prices exclusive of tax), against the local
 * services: the double taxes 8% of each line after its discount share and of shipping, rounded
 * per line, except for Stripe's nontaxable code (services/stripe-local/README.md, Tax).
 */
let stack: Awaited<ReturnType<typeof startBuyingStack>>
let inbox: Awaited<ReturnType<typeof startInbox>>

const MAGNESIUM = { productId: 'product-magnesium-glycinate', variantKey: '60-caps' } // $24.00
const MASK = { productId: 'product-silk-sleep-mask', variantKey: 'navy' } // $34.00

beforeAll(async () => {
  vi.stubEnv('STRIPE_AUTOMATIC_TAX', 'true') // before the store first reads its configuration
  inbox = await startInbox()
  stack = await startBuyingStack({ smtpUrl: inbox.smtpUrl })
  await stack.setStock(MAGNESIUM.productId, MAGNESIUM.variantKey, 50)
  await stack.setStock(MASK.productId, MASK.variantKey, 50)
  await stack.lake.client.patch(MAGNESIUM.productId).set({ taxCode: 'txcd_99999999' }).commit()
  await stack.lake.client.patch(MASK.productId).set({ taxCode: 'txcd_00000000' }).commit() // nontaxable, for the test's sake
})

afterAll(async () => {
  await stack.stop()
  await inbox.stop()
})

describe('Stripe Tax switched on', () => {
  it('asks Stripe for automatic tax, with tax behavior on every price and rate and each product’s tax code', async () => {
    const cart = await cartWith([
      { ...MAGNESIUM, quantity: 1 },
      { productId: 'product-massage-roller', variantKey: '13-in' },
    ])
    await stack.setStock('product-massage-roller', '13-in', 5)
    const { sessionId } = await startCheckout(cart, await priceCart(cart), newClient())
    const session = await stripe().checkout.sessions.retrieve(sessionId, {
      expand: ['line_items', 'line_items.data.price.product', 'shipping_options.shipping_rate'],
    })
    expect(session.automatic_tax).toMatchObject({
      enabled: true,
      status: 'requires_location_inputs',
    })
    expect(
      session.line_items!.data.map((item) => [
        item.price?.tax_behavior,
        (item.price?.product as Stripe.Product).tax_code ?? null,
      ]),
    ).toEqual([
      ['exclusive', 'txcd_99999999'],
      ['exclusive', null], // no code on the product: Stripe uses the default in its tax settings
    ])
    expect(session.shipping_options.map((option) => option.shipping_rate)).toEqual([
      expect.objectContaining({
        display_name: 'Standard',
        tax_behavior: 'exclusive',
        tax_code: 'txcd_92010001',
      }),
      expect.objectContaining({
        display_name: 'Express',
        tax_behavior: 'exclusive',
        tax_code: 'txcd_92010001',
      }),
    ])
  })

  it('records the tax Stripe charged on the order, and shows it in the email, the order summary and the Studio mirror', async () => {
    const cart = (
      await applyPromotion(await cartWith([{ ...MAGNESIUM, quantity: 2 }, MASK]), 'SLEEP10')
    ).cart
    const { url, sessionId } = await startCheckout(cart, await priceCart(cart), newClient())
    expect((await payOnHostedPage(url, undefined, { shipping: 'Express' })).status).toBe(303)

    // 10% off 8200 is 820, shared 480 / 340. Magnesium: 8% of 4800 − 480 = 345.6 → 346; the mask is
    // nontaxable; Express: 8% of 1495 = 119.6 → 120. Added to the prices: 8200 − 820 + 1495 + 466.
    const order = await eventually(
      'the taxed order to be recorded',
      () => orderById(`order-${sessionId}`),
      (found) => found?.status === 'paid',
    )
    expect(order).toMatchObject({
      amountSubtotal: 8200,
      amountDiscount: 820,
      amountShipping: 1495,
      amountTax: 466,
      amountTotal: 9341,
    })
    // A line's amount is what the shop earned for it: after the discount, without the tax.
    expect(order!.lines.map((line) => line.amount)).toEqual([4320, 3060])

    await flushOutbox() // the email and the mirror, as the route does after the webhook
    const email = await eventually(
      `the confirmation for ${order!.orderNumber}`,
      async () => (await inbox.emails()).find((e) => e.subject.includes(order!.orderNumber)),
      Boolean,
    )
    expect(email!.text).toMatch(/Tax\s+\$4\.66/)
    expect(email!.text).toMatch(/Total paid\s+\$93\.41/)

    const summary = renderToStaticMarkup(createElement(OrderSummary, { order: order! }))
    expect(summary).toContain(
      '<dt>Tax</dt><dd class="tabular-nums" data-testid="order-tax">$4.66</dd>',
    )

    expect(await stack.lake.client.getDocument(`orders.order-${sessionId}`)).toMatchObject({
      amountTax: 466,
      amountTotal: 9341,
    })
  })
})

describe('how an order shows its tax', () => {
  const amounts = { amountSubtotal: 8200, amountDiscount: 820, amountShipping: 1495 }

  it('shows none when none was charged', () => {
    expect(orderTax({ ...amounts, amountTax: 0, amountTotal: 8875 })).toBeNull()
  })

  it('tells tax added to the prices from tax they included, by what Stripe charged', () => {
    expect(orderTax({ ...amounts, amountTax: 466, amountTotal: 9341 })).toEqual({
      cents: 466,
      included: false,
    })
    expect(orderTax({ ...amounts, amountTax: 652, amountTotal: 8875 })).toEqual({
      cents: 652,
      included: true,
    })
  })

  it('puts included tax under the total, as information rather than a charge', () => {
    const order = {
      ...amounts,
      amountTax: 652,
      amountTotal: 8875,
      currency: 'usd',
      lines: [],
      shippingAddress: null,
    } as unknown as Order
    const html = renderToStaticMarkup(createElement(OrderSummary, { order }))
    expect(html.indexOf('Includes tax')).toBeGreaterThan(html.indexOf('data-testid="order-total"'))
    expect(html).toContain('data-testid="order-tax">$6.52</dd>')
  })
})

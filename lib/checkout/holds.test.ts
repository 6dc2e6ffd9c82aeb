import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyPromotion } from '../cart/mutations'
import { priceCart } from '../cart/pricing'
import { HttpError } from '../http/errors'
import { stripe } from '../payments/stripe'
import { cartWith, startBuyingStack } from '../test/buying-stack'
import { newClient } from '../test/clients'
import { findHold, takeHold } from './holds'
import { startCheckout } from './start'

/** Holds are bounded: per cart (a new checkout replaces the old hold) and per client; staged codes are not live. */
let stack: Awaited<ReturnType<typeof startBuyingStack>>
const PILLOW = { productId: 'product-cooling-pillow', variantKey: 'standard' }

beforeAll(async () => {
  stack = await startBuyingStack()
  await stack.setStock(PILLOW.productId, PILLOW.variantKey, 100)
})
afterAll(() => stack.stop())

const held = async () => (await stack.stock(PILLOW.productId, PILLOW.variantKey)).held

describe('hold limits', () => {
  it('lets one client hold at most three carts: a script with a fresh cookie each time holds three units, not fifty', async () => {
    const client = newClient()
    const results = []
    for (let i = 0; i < 50; i++) {
      const cart = await cartWith([PILLOW])
      results.push(
        await startCheckout(cart, await priceCart(cart), client).then(
          () => 200,
          (error: HttpError) => error.status,
        ),
      )
    }
    expect(results.filter((s) => s === 200)).toHaveLength(3)
    expect(results.filter((s) => s === 429)).toHaveLength(47)
    expect(await held()).toBe(3)

    // A real buyer elsewhere still buys.
    const buyer = await cartWith([PILLOW])
    await expect(startCheckout(buyer, await priceCart(buyer), newClient())).resolves.toMatchObject({
      url: expect.any(String),
    })
    expect(await held()).toBe(4)
  })

  it('caps what one client holds in units, whatever its carts, and leaves the shelf to a second client', async () => {
    // Defaults: 40 units in all, 20 of one variant (lib/env.ts holdLimits).
    const MASK = { productId: 'product-silk-sleep-mask', variantKey: 'navy' }
    const NOISE = { productId: 'product-white-noise-machine', variantKey: 'cloud' }
    for (const v of [MASK, NOISE]) await stack.setStock(v.productId, v.variantKey, 100)
    const client = newClient()
    const checkout = async (lines: Parameters<typeof cartWith>[0]) => {
      const cart = await cartWith(lines)
      return startCheckout(cart, await priceCart(cart), client).then(
        () => ({ status: 200, message: '' }),
        (error: HttpError) => ({ status: error.status, message: error.message }),
      )
    }
    const pillowsBefore = await held()

    expect(await checkout([{ ...PILLOW, quantity: 20 }])).toEqual({ status: 200, message: '' })
    // A 21st pillow in a second cart is over the 20 of one variant, though the client holds 2 carts of 3.
    const perVariant = await checkout([{ ...PILLOW, quantity: 1 }])
    expect(perVariant.status).toBe(429)
    expect(perVariant.message).toContain('at most 20 of Cooling Gel Memory Foam Pillow')
    expect(await checkout([{ ...MASK, quantity: 20 }])).toEqual({ status: 200, message: '' })
    // 40 units are held: one more of anything is over, and nothing of it is taken.
    const units = await checkout([{ ...NOISE, quantity: 1 }])
    expect(units.status).toBe(429)
    expect(units.message).toContain('at most 40 items')
    expect((await stack.stock(NOISE.productId, NOISE.variantKey)).held).toBe(0)
    expect(await held()).toBe(pillowsBefore + 20)

    // Another buyer still takes what is left.
    const buyer = await cartWith([{ ...PILLOW, quantity: 20 }])
    await expect(startCheckout(buyer, await priceCart(buyer), newClient())).resolves.toMatchObject({
      url: expect.any(String),
    })
    expect(await held()).toBe(pillowsBefore + 40)
  })

  it('replaces a cart’s earlier hold when the cart changes, and expires the earlier session', async () => {
    const before = await held()
    const client = newClient()
    const cart = await cartWith([PILLOW])
    const first = await startCheckout(cart, await priceCart(cart), client)
    expect(await held()).toBe(before + 1)

    const bigger = { ...cart, lines: cart.lines.map((line) => ({ ...line, quantity: 2 })) }
    const second = await startCheckout(bigger, await priceCart(bigger), client)
    expect(second.sessionId).not.toBe(first.sessionId)
    expect(await held()).toBe(before + 2) // 2 for the new hold; the old unit is back
    expect((await stripe().checkout.sessions.retrieve(first.sessionId)).status).toBe('expired')
  })
})

describe('taking a hold', () => {
  it('takes every line or none: a short second variant leaves the first untouched and is named', async () => {
    const caps = { productId: 'product-magnesium-glycinate', variantKey: '60-caps' }
    await stack.setStock(caps.productId, caps.variantKey, 5)
    const [pillowBefore, capsBefore] = [
      await held(),
      (await stack.stock(caps.productId, caps.variantKey)).held,
    ]
    const hold = (quantity: number) => ({
      id: `hold-two-lines-${quantity}`,
      cartId: `cart-two-lines-${quantity}`,
      holder: 'a-client-of-its-own',
      lines: [
        { ...PILLOW, quantity: 1 },
        { ...caps, quantity },
      ],
      promotion: null,
      expiresAt: new Date(Date.now() + 60_000),
    })

    expect(await takeHold(hold(6))).toEqual({
      refused: 'short',
      ...caps,
      available: 5 - capsBefore,
    })
    expect(await held()).toBe(pillowBefore)
    expect(await findHold('hold-two-lines-6')).toBeNull()

    expect(await takeHold(hold(2))).toEqual({ attempt: 1 })
    expect(await takeHold(hold(2))).toEqual({ refused: 'taken' }) // open already: nothing more is held
    expect(await held()).toBe(pillowBefore + 1)
    expect((await stack.stock(caps.productId, caps.variantKey)).held).toBe(capsBefore + 2)
  })
})

describe('promotion codes in a content release', () => {
  it('cannot be redeemed before the release is published', async () => {
    await stack.lake.client.createOrReplace({
      _id: 'versions.rSpring.promotion-staged',
      _type: 'promotion',
      code: 'STAGED50',
      active: true,
      discountType: 'percent',
      percentOff: 50,
    })
    const cart = await cartWith([PILLOW])
    const refusal = await applyPromotion(cart, 'STAGED50').catch((error: HttpError) => error)
    expect(refusal).toBeInstanceOf(HttpError)
    expect((refusal as HttpError).status).toBe(422)

    await stack.lake.client.createOrReplace({
      _id: 'promotion-staged',
      _type: 'promotion',
      code: 'STAGED50',
      active: true,
      discountType: 'percent',
      percentOff: 50,
    })
    await expect(applyPromotion(cart, 'STAGED50')).resolves.toMatchObject({
      priced: { promotion: { ok: true } },
    })
  })
})

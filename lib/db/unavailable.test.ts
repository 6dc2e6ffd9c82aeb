import { NextRequest } from 'next/server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { encodeCart } from '../cart/cookie'
import { cartWith, signedEvent, startBuyingStack } from '../test/buying-stack'
import { freePort } from '../test/free-port'

/**
 * PostgreSQL down: checkout and the Stripe webhook answer 503 with Retry-After (so the buyer
 * retries and Stripe redelivers) and write nothing; product cards still render, stock unknown.
 */
let stack: Awaited<ReturnType<typeof startBuyingStack>>
const SITE = 'http://localhost:3999'

beforeAll(async () => {
  stack = await startBuyingStack()
})
afterAll(() => stack.stop())

/** The store's modules as a fresh server would load them, with DATABASE_URL pointing where nothing listens. */
async function withDatabaseDown() {
  const url = new URL(process.env.DATABASE_URL!)
  url.port = String(await freePort())
  vi.stubEnv('DATABASE_URL', url.toString())
  vi.resetModules()
}

describe('with PostgreSQL unreachable', () => {
  it('refuses a checkout with 503 JSON and Retry-After, holding nothing', async () => {
    const cart = await cartWith([{ productId: 'product-silk-sleep-mask', variantKey: 'navy' }])
    const holdsBefore = (await stack.query('select count(*)::int as n from holds'))[0].n
    await withDatabaseDown()
    const { POST } = await import('@/app/api/checkout/route')
    const res = await POST(
      new NextRequest(`${SITE}/api/checkout`, {
        method: 'POST',
        headers: { cookie: `rw_cart=${encodeCart(cart)}`, origin: SITE, host: 'localhost:3999' },
      }),
    )
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(await res.json()).toEqual({ error: expect.stringMatching(/try again/) })
    vi.stubEnv('DATABASE_URL', stack.databaseUrl)
    expect((await stack.query('select count(*)::int as n from holds'))[0].n).toBe(holdsBefore)
  })

  it('answers a signed Stripe event with 503, so Stripe delivers it again later', async () => {
    await withDatabaseDown()
    const { POST } = await import('@/app/api/webhooks/stripe/route')
    const event = signedEvent('checkout.session.completed', {
      id: 'cs_test_unreachable',
      object: 'checkout.session',
      metadata: {},
    })
    const res = await POST(
      new NextRequest(`${SITE}/api/webhooks/stripe`, {
        method: 'POST',
        headers: { 'stripe-signature': event.header },
        body: event.payload,
      }),
    )
    expect(res.status).toBe(503)
    vi.stubEnv('DATABASE_URL', stack.databaseUrl)
  })

  it('still gives product cards their variants, with availability unknown rather than an error', async () => {
    await withDatabaseDown()
    const { withAvailability } = await import('../inventory/levels')
    const variants = await withAvailability({
      _id: 'product-silk-sleep-mask',
      variants: [{ _key: 'navy' }, { _key: 'blush' }],
    })
    expect(variants).toEqual([
      { _key: 'navy', available: null },
      { _key: 'blush', available: null },
    ])
    vi.stubEnv('DATABASE_URL', stack.databaseUrl)
  })
})

import { expect, test } from '@playwright/test'
import { commerceRows } from './support/database'

test.describe('API routes answer bad input with 4xx JSON and write nothing', () => {
  const cases: Array<{
    name: string
    method: 'post' | 'patch' | 'delete'
    url: string
    data?: string
    headers?: Record<string, string>
  }> = [
    { name: 'malformed JSON', method: 'post', url: '/api/cart', data: '{"productId":' },
    {
      name: 'wrong content type',
      method: 'post',
      url: '/api/cart',
      data: 'productId=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
    {
      name: 'unknown product',
      method: 'post',
      url: '/api/cart',
      data: JSON.stringify({ productId: 'product-nope', variantKey: 'x' }),
    },
    {
      name: 'negative quantity',
      method: 'post',
      url: '/api/cart',
      data: JSON.stringify({
        productId: 'product-magnesium-glycinate',
        variantKey: '60-caps',
        quantity: -3,
      }),
    },
    {
      name: 'huge quantity',
      method: 'post',
      url: '/api/cart',
      data: JSON.stringify({
        productId: 'product-magnesium-glycinate',
        variantKey: '60-caps',
        quantity: 1e9,
      }),
    },
    {
      name: 'fractional quantity',
      method: 'post',
      url: '/api/cart',
      data: JSON.stringify({
        productId: 'product-magnesium-glycinate',
        variantKey: '60-caps',
        quantity: 1.5,
      }),
    },
    {
      name: 'wrong types',
      method: 'post',
      url: '/api/cart',
      data: JSON.stringify({ productId: 42, variantKey: ['x'] }),
    },
    { name: 'array body', method: 'post', url: '/api/cart', data: '[]' },
    {
      name: 'oversized body',
      method: 'post',
      url: '/api/cart',
      data: JSON.stringify({ productId: 'x'.repeat(40_000), variantKey: 'v' }),
    },
    {
      name: 'patch a line not in the cart',
      method: 'patch',
      url: '/api/cart',
      data: JSON.stringify({
        productId: 'product-magnesium-glycinate',
        variantKey: '60-caps',
        quantity: 2,
      }),
    },
    {
      name: 'delete with a bad body',
      method: 'delete',
      url: '/api/cart',
      data: '{"productId":true}',
    },
    { name: 'checkout an empty cart', method: 'post', url: '/api/checkout' },
    {
      name: 'a promotion code of 10 KB',
      method: 'post',
      url: '/api/cart/promotion',
      data: JSON.stringify({ code: 'A'.repeat(10_000) }),
    },
    {
      name: 'a promotion code that is not a string',
      method: 'post',
      url: '/api/cart/promotion',
      data: JSON.stringify({ code: { $ne: null } }),
    },
    {
      name: 'a promotion code on an empty cart',
      method: 'post',
      url: '/api/cart/promotion',
      data: JSON.stringify({ code: 'SLEEP10' }),
    },
    {
      name: 'find my order with a malformed order number',
      method: 'post',
      url: '/api/orders/lookup',
      data: JSON.stringify({ email: 'a@example.com', orderNumber: "RW-' || 1==1" }),
    },
    {
      name: 'find my order without an email',
      method: 'post',
      url: '/api/orders/lookup',
      data: JSON.stringify({ orderNumber: 'RW-12345678' }),
    },
    {
      name: 'webhook without signature',
      method: 'post',
      url: '/api/webhooks/stripe',
      data: '{"type":"checkout.session.completed"}',
    },
    {
      name: 'webhook with a forged signature',
      method: 'post',
      url: '/api/webhooks/stripe',
      data: '{"type":"checkout.session.completed"}',
      headers: { 'stripe-signature': 't=1,v1=deadbeef' },
    },
  ]

  for (const c of cases) {
    test(c.name, async ({ request }) => {
      const ordersBefore = await commerceRows()
      const res = await request[c.method](c.url, {
        data: c.data,
        headers: { 'content-type': 'application/json', ...c.headers },
      })
      expect(res.status(), await res.text()).toBeGreaterThanOrEqual(400)
      expect(res.status()).toBeLessThan(500)
      expect(await res.json()).toHaveProperty('error')
      const cart = await (await request.get('/api/cart')).json()
      expect(cart.cart.lines).toEqual([])
      expect(await commerceRows()).toBe(ordersBefore)
    })
  }

  test('unknown, expired and below-minimum codes are refused with the reason, and the cart keeps no code', async ({
    request,
  }) => {
    await request.post('/api/cart', {
      data: { productId: 'product-magnesium-glycinate', variantKey: '60-caps' },
    })
    for (const [code, message] of [
      ['NOSUCHCODE', 'NOSUCHCODE is not a code we know. Check the spelling.'],
      ['SPRING21', 'SPRING21 has expired.'],
      ['WELCOME5', 'WELCOME5 needs $30.00 of goods; add $6.00 more to use it.'],
    ]) {
      const res = await request.post('/api/cart/promotion', { data: { code } })
      expect(res.status()).toBe(422)
      expect(await res.json()).toMatchObject({ error: message })
    }
    expect((await (await request.get('/api/cart')).json()).cart).toMatchObject({
      promotion: null,
      discount: 0,
    })
    await request.delete('/api/cart')
  })

  test('a tampered cart cookie is rejected, not trusted', async ({ request, baseURL }) => {
    const res = await request.post('/api/cart', {
      data: { productId: 'product-magnesium-glycinate', variantKey: '60-caps' },
    })
    expect(res.status()).toBe(200)
    const cookie = res.headers()['set-cookie']
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=lax/i)
    const value = /rw_cart=([^;]+)/.exec(cookie)![1]
    const [payload, signature] = value.split('.')
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        lines: [{ productId: 'product-magnesium-glycinate', variantKey: '60-caps', quantity: 20 }],
      }),
    ).toString('base64url')
    const tampered = await fetch(`${baseURL}/api/cart`, {
      headers: { cookie: `rw_cart=${forged}.${signature}` },
    })
    expect((await tampered.json()).cart.lines).toEqual([])
    const checkout = await fetch(`${baseURL}/api/checkout`, {
      method: 'POST',
      headers: { cookie: `rw_cart=${forged}.${signature}` },
    })
    expect(checkout.status).toBe(400)
  })
})

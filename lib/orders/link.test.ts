import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

let link: typeof import('./link')

beforeAll(async () => {
  vi.resetModules()
  vi.stubEnv('RESTWELL_LOCAL_ENV', '/nonexistent/local.env')
  vi.stubEnv('ORDER_LINK_SECRET', 's'.repeat(64))
  vi.stubEnv('SITE_URL', 'https://shop.example')
  link = await import('./link')
})

afterAll(() => vi.unstubAllEnvs())

describe('order links', () => {
  const order = 'order-cs_test_abc123'

  it('accepts the token made for the order, in a link to the order page', () => {
    const url = new URL(link.orderUrl(order))
    expect(url.origin + url.pathname).toBe(`https://shop.example/orders/${order}`)
    expect(link.verifyOrderToken(order, url.searchParams.get('token'))).toBe(true)
  })

  it("refuses a missing, altered or another order's token", () => {
    const token = link.orderToken(order)
    expect(link.verifyOrderToken(order, undefined)).toBe(false)
    expect(link.verifyOrderToken(order, '')).toBe(false)
    expect(link.verifyOrderToken(order, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe(false)
    expect(link.verifyOrderToken(order, `${token}x`)).toBe(false)
    expect(link.verifyOrderToken('order-cs_test_other', token)).toBe(false)
  })

  it('depends on the secret: the same order under another secret gets another token', async () => {
    const token = link.orderToken(order)
    vi.resetModules()
    vi.stubEnv('ORDER_LINK_SECRET', 't'.repeat(64))
    const other = await import('./link')
    expect(other.orderToken(order)).not.toBe(token)
    expect(other.verifyOrderToken(order, token)).toBe(false)
  })
})

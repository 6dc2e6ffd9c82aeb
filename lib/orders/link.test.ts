import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

let link: typeof import('./link')
const SECRET = 's'.repeat(64)
const DAY = 86_400_000

beforeAll(async () => {
  vi.resetModules()
  vi.stubEnv('RESTWELL_LOCAL_ENV', '/nonexistent/local.env')
  vi.stubEnv('ORDER_LINK_SECRET', SECRET)
  vi.stubEnv('SITE_URL', 'https://shop.example')
  link = await import('./link')
})

afterAll(() => vi.unstubAllEnvs())

describe('order links', () => {
  const order = 'order-cs_test_abc123'

  it('accepts the token made for the order, in a link to the order page', () => {
    const url = new URL(link.orderUrl(order))
    expect(url.origin + url.pathname).toBe(`https://shop.example/orders/${order}`)
    expect(link.checkOrderToken(order, url.searchParams.get('token'))).toBe('valid')
  })

  it('expires after 30 days, and says so rather than "not found"', () => {
    const issued = Date.now()
    const token = link.orderToken(order, issued)
    expect(link.checkOrderToken(order, token, issued + 29 * DAY)).toBe('valid')
    expect(link.checkOrderToken(order, token, issued + 30 * DAY + 1000)).toBe('expired')
  })

  it('reads a link from before expiries (HMAC alone) as expired, and a forged one as invalid', () => {
    const legacy = createHmac('sha256', SECRET).update(`order:${order}`).digest('base64url')
    expect(link.checkOrderToken(order, legacy)).toBe('expired')
    expect(link.checkOrderToken('order-cs_test_other', legacy)).toBe('invalid')
  })

  it("refuses a missing, altered, extended or another order's token", () => {
    const token = link.orderToken(order)
    const [expires, signature] = token.split('.')
    expect(link.checkOrderToken(order, undefined)).toBe('invalid')
    expect(link.checkOrderToken(order, '')).toBe('invalid')
    expect(
      link.checkOrderToken(order, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`),
    ).toBe('invalid')
    expect(link.checkOrderToken(order, `${token}x`)).toBe('invalid')
    expect(link.checkOrderToken(order, `${token}.x`)).toBe('invalid')
    // A later expiry with the old signature: the expiry is signed too.
    expect(
      link.checkOrderToken(order, `${(parseInt(expires, 36) + 86_400).toString(36)}.${signature}`),
    ).toBe('invalid')
    expect(link.checkOrderToken('order-cs_test_other', token)).toBe('invalid')
  })

  it('depends on the secret: the same order under another secret gets another token', async () => {
    const token = link.orderToken(order)
    vi.resetModules()
    vi.stubEnv('ORDER_LINK_SECRET', 't'.repeat(64))
    const other = await import('./link')
    expect(other.orderToken(order)).not.toBe(token)
    expect(other.checkOrderToken(order, token)).toBe('invalid')
  })
})

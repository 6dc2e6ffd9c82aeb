import { Shopper } from '../shopper'
import { SITE } from '../stack'
import { pool, type Figure } from '../util'

/** One client hammering the cart and checkout gets 413 for huge bodies and 429 past its budget. */
export async function abuseLimits(): Promise<Figure> {
  const hog = new Shopper(30001)
  const big = await fetch(`${SITE}/api/cart`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': hog.address },
    body: JSON.stringify({ productId: 'x'.repeat(64_000) }),
  })
  const bigCheckout = await fetch(`${SITE}/api/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.250.0.1' },
    body: 'x'.repeat(64_000),
  })
  const cartStatuses = await pool(200, 20, () => hog.request('GET', '/api/cart'))
  const limited = cartStatuses.filter((r) => r.status === 429)
  const cartClear = limited.every(
    (r) => typeof r.json?.error === 'string' && Number(r.retryAfter) > 0,
  )
  const checkoutHog = new Shopper(30002)
  const checkoutStatuses = await pool(40, 10, () => checkoutHog.checkout())
  const checkoutLimited = checkoutStatuses.filter((r) => r.status === 429).length
  // Read from a refused answer itself: a moment later the bucket may already hold a token again.
  const retryAfter = limited[0]?.retryAfter ?? null
  const other = await new Shopper(30003).request('GET', '/api/cart')
  // A new address in one IPv6 /64 for every request is still one client.
  const rotating = await pool(200, 20, async (i) => {
    const res = await fetch(`${SITE}/api/cart`, {
      headers: { 'x-forwarded-for': `2001:db8:77:1:${(i + 1).toString(16)}::1` },
    })
    await res.body?.cancel()
    return res.status
  })
  const rotatingLimited = rotating.filter((status) => status === 429).length
  // Junk preview secrets each cost the store a lake query: past the budget they cost nothing.
  const drafts = await pool(30, 5, async () => {
    const res = await fetch(`${SITE}/api/draft-mode/enable?sanity-preview-secret=junk`, {
      headers: { 'x-forwarded-for': '10.250.0.2' },
      redirect: 'manual',
    })
    await res.body?.cancel()
    return res.status
  })
  const draftsLimited = drafts.filter((status) => status === 429).length
  const pass =
    big.status === 413 &&
    bigCheckout.status === 413 &&
    limited.length > 0 &&
    cartClear &&
    checkoutLimited > 0 &&
    Number(retryAfter) > 0 &&
    other.status === 200 &&
    rotatingLimited > 0 &&
    draftsLimited > 0
  return {
    check: 'Abuse limits',
    figure: `64 KB body → cart ${big.status}, checkout ${bigCheckout.status}; 200 cart requests from one client → ${limited.length} × 429 (Retry-After ${retryAfter}s); 40 checkouts → ${checkoutLimited} × 429; another client meanwhile → ${other.status}; 200 cart requests from 200 addresses of one IPv6 /64 → ${rotatingLimited} × 429; 30 junk draft-mode secrets → ${draftsLimited} × 429`,
    target:
      '413 for oversized bodies, 429 with Retry-After past the per-client budget (an IPv6 /64 is one client), others unaffected',
    pass,
  }
}

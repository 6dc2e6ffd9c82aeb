import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Shopper } from '../shopper'
import { SITE, type Stack } from '../stack'
import type { Figure } from '../util'

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** No secret in the browser's code or any page; security headers; a cookie that cannot be forged. */
export async function secretsAndHeaders(stack: Stack): Promise<Figure> {
  const secretValues = Object.values(stack.secrets).filter((v) => v.length >= 16)
  const patterns = [
    /sk_(test|live)_[A-Za-z0-9]{8,}/,
    /whsec_[A-Za-z0-9]{8,}/,
    ...secretValues.map((v) => new RegExp(v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))),
  ]
  const leaks: string[] = []
  const staticFiles = filesUnder(join(stack.distDir, 'static'))
  for (const file of staticFiles) {
    const text = readFileSync(file, 'utf8')
    if (patterns.some((p) => p.test(text))) leaks.push(file)
  }
  const slugs = await stack.lakeClient.fetch<{ articles: string[]; products: string[] }>(
    '{ "articles": *[_type == "article"].slug.current, "products": *[_type == "product"].slug.current }',
  )
  const pages = [
    '/',
    '/articles',
    '/products',
    '/cart',
    '/studio',
    '/nowhere',
    ...slugs.articles.map((s) => `/articles/${s}`),
    ...slugs.products.map((s) => `/products/${s}`),
  ]
  const missingHeaders: string[] = []
  for (const page of pages) {
    const res = await fetch(`${SITE}${page}`)
    const html = await res.text()
    if (patterns.some((p) => p.test(html))) leaks.push(page)
    const csp = res.headers.get('content-security-policy') ?? ''
    const framing = page === '/studio' ? "frame-ancestors 'self'" : "frame-ancestors 'none'"
    if (
      !csp.includes(framing) ||
      res.headers.get('x-content-type-options') !== 'nosniff' ||
      !res.headers.get('referrer-policy')
    )
      missingHeaders.push(page)
  }
  const shopper = new Shopper(20001)
  const res = await fetch(`${SITE}/api/cart`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': shopper.address },
    body: JSON.stringify({ productId: 'product-cooling-pillow', variantKey: 'standard' }),
  })
  const cookie = res.headers.get('set-cookie') ?? ''
  const cookieFlags = /HttpOnly/i.test(cookie) && /SameSite=lax/i.test(cookie)
  const value = /rw_cart=([^;]+)/.exec(cookie)?.[1] ?? ''
  const [payload, signature] = value.split('.')
  const forgedPayload = Buffer.from(
    JSON.stringify({
      ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString() || '{}'),
      lines: [{ productId: 'product-cooling-pillow', variantKey: 'standard', quantity: 20 }],
    }),
  ).toString('base64url')
  const forged = await fetch(`${SITE}/api/cart`, {
    headers: {
      cookie: `rw_cart=${forgedPayload}.${signature}`,
      'x-forwarded-for': shopper.address,
    },
  })
  const forgedRejected =
    ((await forged.json()) as { cart: { lines: unknown[] } }).cart.lines.length === 0
  const draftStatus = (
    await fetch(`${SITE}/api/draft-mode/enable?redirect=/`, { redirect: 'manual' })
  ).status
  const pass =
    leaks.length === 0 &&
    missingHeaders.length === 0 &&
    cookieFlags &&
    forgedRejected &&
    draftStatus === 401
  return {
    check: 'Secrets and headers',
    figure: `${staticFiles.length} static files + ${pages.length} pages scanned → ${leaks.length} leaks${leaks.length ? ` (${leaks.slice(0, 3).join(', ')})` : ''}; headers missing on ${missingHeaders.length}; cookie HttpOnly+SameSite ${cookieFlags ? 'yes' : 'NO'}; forged cookie ${forgedRejected ? 'rejected' : 'TRUSTED'}; draft mode without secret → ${draftStatus}`,
    target:
      '0 leaks, CSP/nosniff/Referrer-Policy/frame-ancestors everywhere, signed HttpOnly SameSite cookie, 401',
    pass,
  }
}

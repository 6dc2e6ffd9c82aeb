import { NextResponse, type NextRequest } from 'next/server'
import { config as appConfig } from '@/lib/env'
import { isCatalogQuery, isPerRequestPage } from '@/lib/security/per-request-pages'
import { storefrontPolicy, studioPolicy, transportSecurity } from '@/lib/security/policy'

/**
 * Security headers, and the catalogue's cached address. A page rendered per request gets a fresh
 * script nonce: Next reads it from the request's Content-Security-Policy and puts it on its own
 * scripts. Any other page (readers' pages, cached for everyone) gets the policy without one
 * (lib/security/policy.ts, lib/security/per-request-pages.ts).
 */
export function proxy(req: NextRequest) {
  const dev = !appConfig().production
  const path = req.nextUrl.pathname
  const hsts = transportSecurity()
  if (path.startsWith('/api/')) return withHeaders(NextResponse.next(), hsts)

  if (path === '/studio' || path.startsWith('/studio/')) {
    return withHeaders(NextResponse.next(), {
      ...hsts,
      'content-security-policy': studioPolicy(dev),
      'x-frame-options': 'SAMEORIGIN',
    })
  }

  // An editor's preview (draft mode) shows in the Studio's Presentation tool, which is this same
  // origin (/studio); readers' pages may not be framed at all. Draft mode renders every page per request.
  const framed = req.cookies.has(DRAFT_MODE_COOKIE)
  const headers = { ...hsts, 'x-frame-options': framed ? 'SAMEORIGIN' : 'DENY' }
  if (!framed && !isPerRequestPage(path, req.nextUrl.searchParams)) {
    const policy = storefrontPolicy(null, dev)
    return withHeaders(catalogRewrite(req) ?? NextResponse.next(), {
      ...headers,
      'content-security-policy': policy,
    })
  }
  const policy = storefrontPolicy(Buffer.from(crypto.randomUUID()).toString('base64'), dev, framed)
  const requestHeaders = new Headers(req.headers)
  requestHeaders.set('content-security-policy', policy)
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), {
    ...headers,
    'content-security-policy': policy,
  })
}

/** `/products[?category=…]` is served by the cached `/catalog[/category]` page; the address stays. */
function catalogRewrite(req: NextRequest) {
  if (req.nextUrl.pathname !== '/products' || !isCatalogQuery(req.nextUrl.searchParams)) return null
  const category = req.nextUrl.searchParams.get('category')
  // From Next's own URL of this request, so the rewrite stays inside this server: built from
  // req.url (the Host header's origin), Next took it for another site and proxied it over HTTP.
  const url = req.nextUrl.clone()
  url.pathname = category ? `/catalog/${category}` : '/catalog'
  url.search = ''
  return NextResponse.rewrite(url)
}

/** The cookie Next's draft mode sets (and next-sanity's defineEnableDraftMode re-sets for frames). */
const DRAFT_MODE_COOKIE = '__prerender_bypass'

function withHeaders(res: NextResponse, headers: Record<string, string>) {
  for (const [name, value] of Object.entries(headers)) res.headers.set(name, value)
  return res
}

export const config = {
  // Everything but static files (Next's own, and the icons and manifest), which carry no page and need no nonce.
  matcher: [
    '/((?!_next/static|_next/image|favicon.ico|icon.svg|apple-touch-icon.png|icons/|manifest.webmanifest).*)',
  ],
}

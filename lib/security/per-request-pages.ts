/**
 * Which pages are rendered per request (a buyer's cart, checkout and orders, search, the
 * catalogue sorted or filtered): they get a script nonce in their Content Security Policy. Every
 * other page, readers' pages cached for everyone and the 404 page among them, gets the policy
 * without one (lib/security/policy.ts), which works whether or not the page was cached, so a page
 * missing here is less strictly guarded but never broken. Draft mode renders every page per
 * request; proxy.ts checks it first. per-request-pages.test.ts holds this list and the pages together.
 */
const PER_REQUEST = [
  /^\/cart$/,
  /^\/search$/,
  /^\/checkout(\/|$)/,
  /^\/orders\/[^/]+$/,
  /^\/account(\/|$)/,
  /^\/sign-in$/,
]

export function isPerRequestPage(pathname: string, search: URLSearchParams) {
  if (pathname === '/products') return !isCatalogQuery(search)
  return PER_REQUEST.some((pattern) => pattern.test(pathname))
}

/**
 * `/products`, or `/products?category=…` alone: the catalogue as it is first shown, which
 * proxy.ts serves from the cached `/catalog` page. Sorting and filters are rendered per request.
 */
export function isCatalogQuery(search: URLSearchParams) {
  const keys = [...search.keys()]
  return (
    keys.length === 0 ||
    (keys.length === 1 &&
      keys[0] === 'category' &&
      /^[a-z0-9-]{1,96}$/.test(search.get('category') ?? ''))
  )
}

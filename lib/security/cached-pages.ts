/**
 * The readers' pages that are cached for everyone (rendered once, then served from the shared
 * cache and a CDN): they carry no per-request nonce (lib/security/policy.ts). Every other page is
 * rendered per request: a buyer's cart, checkout and orders, search, and any page in draft mode.
 * The list matches the pages that export `revalidate` (a test holds the two together).
 */
const CACHED = [/^\/$/, /^\/orders$/, /^\/articles$/, /^\/articles\/[^/]+$/, /^\/products\/[^/]+$/, /^\/catalog(\/[^/]+)?$/]

export function isCachedPage(pathname: string, search: URLSearchParams) {
  if (pathname === '/products') return isCatalogQuery(search)
  return CACHED.some((pattern) => pattern.test(pathname))
}

/**
 * `/products`, or `/products?category=…` alone: the catalogue as it is first shown, which
 * proxy.ts serves from the cached `/catalog` page. Sorting and filters are rendered per request.
 */
export function isCatalogQuery(search: URLSearchParams) {
  const keys = [...search.keys()]
  return keys.length === 0 || (keys.length === 1 && keys[0] === 'category' && /^[a-z0-9-]{1,96}$/.test(search.get('category') ?? ''))
}

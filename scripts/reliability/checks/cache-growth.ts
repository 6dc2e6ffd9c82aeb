import { SITE, type Stack } from '../stack'
import { pool, type Figure } from '../util'

/** Entries in the shared cache (lib/cache/): every kept page and every cached content fetch is one row. */
async function cachedEntries(stack: Stack) {
  const [{ count }] = await stack.query<{ count: string }>(
    'select count(*) from page_cache_entries',
  )
  return Number(count)
}

/**
 * Made-up URLs must not grow the cache: unknown article and product slugs, their share images,
 * and search terms, each new, 200 requests in all. Each would otherwise be a kept 404 page or a
 * cached fetch (two, with next-sanity's sync-tag fetch) until the daily prune.
 */
export async function cacheGrowth(stack: Stack): Promise<Figure> {
  // Warm what every page reads (the layout's content, the slug list) at the current content version.
  for (const path of [
    '/',
    '/articles/is-magnesium-good-for-restless-legs',
    '/products/magnesium-glycinate',
    '/search?q=sleep',
  ]) {
    await (await fetch(`${SITE}${path}`)).text()
  }
  const before = await cachedEntries(stack)
  const junk = (i: number) => `made-up-${i}-${Math.random().toString(36).slice(2, 10)}`
  const paths = [
    ...Array.from({ length: 50 }, (_, i) => `/articles/${junk(i)}`),
    ...Array.from({ length: 50 }, (_, i) => `/products/${junk(i)}`),
    ...Array.from({ length: 25 }, (_, i) => `/articles/${junk(i)}/opengraph-image`),
    ...Array.from({ length: 25 }, (_, i) => `/products/${junk(i)}/opengraph-image`),
    ...Array.from({ length: 50 }, (_, i) => `/search?q=${junk(i)}`),
  ]
  const statuses = await pool(paths.length, 10, async (i) => {
    const res = await fetch(`${SITE}${paths[i]}`)
    await res.arrayBuffer()
    return res.status
  })
  const grown = (await cachedEntries(stack)) - before
  const notFound = statuses.filter((status) => status === 404).length
  return {
    check: 'Cache growth',
    figure: `${paths.length} requests for made-up slugs, share images and search terms → ${notFound} × 404, shared cache ${before} → ${before + grown} entries (+${grown})`,
    target: 'the 100 unknown pages 404, and the shared cache does not grow',
    pass: before > 0 && grown === 0 && notFound >= 100,
  }
}

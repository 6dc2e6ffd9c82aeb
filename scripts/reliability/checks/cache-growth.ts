import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { DIST_DIR, SITE } from '../stack'
import { pool, type Figure } from '../util'

/** Entries in Next's file-system data cache (every cached content fetch is one file). */
function cachedFetches() {
  try {
    return readdirSync(join(DIST_DIR, 'cache', 'fetch-cache'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length
  } catch {
    return 0 // nothing cached yet
  }
}

/**
 * Made-up URLs must not grow the data cache: unknown article and product slugs, their share
 * images, and search terms, each new, 200 requests in all. Each would otherwise be a cache entry
 * (two, with next-sanity's sync-tag fetch) that no eviction ever removes.
 */
export async function cacheGrowth(): Promise<Figure> {
  // Warm what every page reads (the layout's content, the slug list) at the current content version.
  for (const path of ['/', '/articles/is-magnesium-good-for-restless-legs', '/products/magnesium-glycinate', '/search?q=sleep']) {
    await (await fetch(`${SITE}${path}`)).text()
  }
  const before = cachedFetches()
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
  const grown = cachedFetches() - before
  const notFound = statuses.filter((status) => status === 404).length
  return {
    check: 'Cache growth',
    figure: `${paths.length} requests for made-up slugs, share images and search terms → ${notFound} × 404, data cache ${before} → ${before + grown} entries (+${grown})`,
    target: 'the 100 unknown pages 404, and the data cache does not grow',
    pass: grown === 0 && notFound >= 100,
  }
}

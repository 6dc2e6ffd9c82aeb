import { readFileSync, readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isCatalogQuery, isPerRequestPage } from './per-request-pages'

/** Every page of the site (the Studio aside, which proxy.ts handles apart), with an address it answers. */
function pages(dir = 'app'): Array<{ file: string; path: string; source: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name)
    if (entry.isDirectory())
      return entry.name === 'studio' || entry.name === 'api' ? [] : pages(full)
    if (entry.name !== 'page.tsx') return []
    const segments = relative('app', dir)
      .split(sep)
      .filter((s) => s && !/^\(.*\)$/.test(s)) // route groups are not in the address
      .filter((s) => !s.startsWith('[[')) // an optional catch-all can be empty
      .map((s) => (s.startsWith('[') ? 'some-slug' : s))
    return [{ file: full, path: `/${segments.join('/')}`, source: readFileSync(full, 'utf8') }]
  })
}

describe('the pages rendered per request', () => {
  const all = pages()

  it('are all the pages that read the request, and none of the cached ones', () => {
    const cached = all.filter((p) => /export const revalidate\b/.test(p.source))
    const perRequest = all.filter((p) =>
      /searchParams|cookies\(\)|headers\(\)|connection\(\)/.test(p.source),
    )
    expect(cached.map((p) => p.path).sort()).toEqual([
      '/',
      '/articles',
      '/articles/some-slug',
      '/catalog',
      '/products/some-slug',
    ])
    for (const page of cached)
      expect(isPerRequestPage(page.path, new URLSearchParams()), page.file).toBe(false)
    // /products reads its query to sort and filter; as first shown it is the cached /catalog.
    for (const page of perRequest)
      expect(isPerRequestPage(page.path, new URLSearchParams('sort=newest')), page.file).toBe(true)
  })

  it('send the catalogue as first shown to the cached page, and nothing else', () => {
    expect(isCatalogQuery(new URLSearchParams(''))).toBe(true)
    expect(isCatalogQuery(new URLSearchParams('category=supplements'))).toBe(true)
    expect(isCatalogQuery(new URLSearchParams('category=supplements&sort=newest'))).toBe(false)
    expect(isCatalogQuery(new URLSearchParams('category=../../etc'))).toBe(false)
    expect(isCatalogQuery(new URLSearchParams('inStock=1'))).toBe(false)
  })
})

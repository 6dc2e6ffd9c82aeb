import { describe, expect, it } from 'vitest'
import { catalogHref, listProducts, parseCatalogParams } from './listing'

type Listed = Parameters<typeof listProducts>[0][number]

/** Units per product, as lib/inventory would report them (the variants' second number, summed). */
const units = new Map<string, number | null>()

const product = (
  title: string,
  prices: Array<[number, number]>,
  extra: Partial<Listed> = {},
): Listed => {
  units.set(
    `product-${title}`,
    prices.reduce((sum, [, available]) => sum + available, 0),
  )
  return {
    _id: `product-${title}`,
    title,
    slug: title,
    tagline: null,
    badges: null,
    image: null,
    category: null,
    variants: prices.map(([priceCents], i) => ({
      _key: `v${i}`,
      title: null,
      sku: null,
      priceCents,
      currency: 'usd',
    })),
    featured: false,
    createdAt: '2026-01-01T00:00:00Z',
    ...extra,
  }
}
const available = (p: Listed) => units.get(p._id) ?? null

const catalogue = [
  product('mask', [[2900, 4]], { createdAt: '2026-03-01T00:00:00Z' }),
  product(
    'mattress',
    [
      [89900, 2],
      [109900, 0],
    ],
    { featured: true },
  ),
  product('noise', [[5900, 0]], { createdAt: '2026-05-01T00:00:00Z' }),
  product(
    'magnesium',
    [
      [2400, 40],
      [4200, 12],
    ],
    { featured: true },
  ),
]

const titles = (list: Listed[]) => list.map((p) => p.title)

describe('catalogue listing', () => {
  it('sorts by featured, price either way (from the lowest variant price) and newest', () => {
    expect(
      titles(listProducts(catalogue, { sort: 'featured', inStock: false }, available)),
    ).toEqual(['magnesium', 'mattress', 'mask', 'noise'])
    expect(
      titles(listProducts(catalogue, { sort: 'price-asc', inStock: false }, available)),
    ).toEqual(['magnesium', 'mask', 'noise', 'mattress'])
    expect(
      titles(listProducts(catalogue, { sort: 'price-desc', inStock: false }, available)),
    ).toEqual(['mattress', 'noise', 'mask', 'magnesium'])
    expect(titles(listProducts(catalogue, { sort: 'newest', inStock: false }, available))[0]).toBe(
      'noise',
    )
  })

  it('hides products with nothing available when asked for in-stock only', () => {
    expect(titles(listProducts(catalogue, { sort: 'featured', inStock: true }, available))).toEqual(
      ['magnesium', 'mattress', 'mask'],
    )
  })

  it('reads its state from the URL, ignoring an unexpected sort or filter, and writes short URLs', () => {
    expect(parseCatalogParams({})).toEqual({ category: null, sort: 'featured', inStock: false })
    expect(
      parseCatalogParams({ category: 'supplements', sort: 'price-asc', inStock: '1' }),
    ).toEqual({
      category: 'supplements',
      sort: 'price-asc',
      inStock: true,
    })
    expect(parseCatalogParams({ category: '', sort: 'cheapest', inStock: 'yes' })).toEqual({
      category: null,
      sort: 'featured',
      inStock: false,
    })
    expect(parseCatalogParams({ sort: ['price-desc', 'newest'] }).sort).toBe('price-desc')
    // Kept as written: the page looks it up and answers 404 for a category that does not exist.
    expect(parseCatalogParams({ category: ['../etc', 'mattresses'] }).category).toBe('../etc')
    const params = parseCatalogParams({ sort: 'price-asc', inStock: '1' })
    expect(catalogHref(params, { category: 'mattresses' })).toBe(
      '/products?category=mattresses&sort=price-asc&inStock=1',
    )
    expect(catalogHref(params, { sort: 'featured', inStock: false })).toBe('/products')
  })
})

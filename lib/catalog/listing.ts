import { z } from 'zod'
import type { PRODUCTS_QUERY_RESULT } from '@/sanity/types'
import { productSummary } from './stock'

type ListedProduct = PRODUCTS_QUERY_RESULT[number]

export const SORTS = {
  featured: 'Featured',
  'price-asc': 'Price: low to high',
  'price-desc': 'Price: high to low',
  newest: 'Newest',
} as const

export type Sort = keyof typeof SORTS

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value)

/**
 * The catalogue's state lives in the URL (`?category=&sort=&inStock=1`), so a view can be shared
 * and the back button works. An unexpected sort or stock filter falls back to the default; a
 * category is kept as written, for the page to answer 404 when no category has that slug.
 */
const catalogParams = z.object({
  category: z.preprocess(first, z.string().min(1).nullable().catch(null)).default(null),
  sort: z
    .preprocess(first, z.enum(Object.keys(SORTS) as [Sort, ...Sort[]]).catch('featured'))
    .default('featured'),
  inStock: z
    .preprocess(
      first,
      z
        .literal('1')
        .transform(() => true)
        .catch(false),
    )
    .default(false),
})

export type CatalogParams = z.output<typeof catalogParams>

export const parseCatalogParams = (
  searchParams: Record<string, string | string[] | undefined>,
): CatalogParams => catalogParams.parse(searchParams)

/** The URL of the catalogue with some parameters changed; defaults are left out, so URLs stay short. */
export function catalogHref(current: CatalogParams, change: Partial<CatalogParams>) {
  const next = { ...current, ...change }
  const query = new URLSearchParams()
  if (next.category) query.set('category', next.category)
  if (next.sort !== 'featured') query.set('sort', next.sort)
  if (next.inStock) query.set('inStock', '1')
  const text = query.toString()
  return text ? `/products?${text}` : '/products'
}

const byTitle = (a: ListedProduct, b: ListedProduct) => (a.title ?? '').localeCompare(b.title ?? '')

/**
 * Sorts and filters the products a category query returned. Products without a price sort last.
 * `available` gives a product's units (null: unknown, which the in-stock filter keeps).
 */
export function listProducts(
  products: ListedProduct[],
  { sort, inStock }: Pick<CatalogParams, 'sort' | 'inStock'>,
  available: (product: ListedProduct) => number | null,
) {
  const rows = products.map((product) => ({
    product,
    available: available(product),
    ...productSummary(product.variants),
  }))
  const visible = inStock ? rows.filter((row) => row.available === null || row.available > 0) : rows
  const price = (row: (typeof rows)[number], missing: number) => row.fromPrice ?? missing
  const compare: Record<Sort, (a: (typeof rows)[number], b: (typeof rows)[number]) => number> = {
    featured: (a, b) =>
      Number(b.product.featured) - Number(a.product.featured) || byTitle(a.product, b.product),
    'price-asc': (a, b) => price(a, Infinity) - price(b, Infinity) || byTitle(a.product, b.product),
    'price-desc': (a, b) =>
      price(b, -Infinity) - price(a, -Infinity) || byTitle(a.product, b.product),
    newest: (a, b) =>
      b.product.createdAt.localeCompare(a.product.createdAt) || byTitle(a.product, b.product),
  }
  return visible.sort(compare[sort]).map((row) => row.product)
}

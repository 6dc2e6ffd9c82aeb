import { clsx } from 'clsx'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { Suspense } from 'react'
import { CardGridSkeleton } from '@/components/CardGridSkeleton'
import { CatalogControls } from '@/components/CatalogControls'
import { EmptyState } from '@/components/EmptyState'
import { ProductGrid } from '@/components/ProductCard'
import { pageColumn } from '@/components/styles'
import { catalogHref, listProducts, SORTS, type CatalogParams } from '@/lib/catalog/listing'
import { totalAvailable } from '@/lib/catalog/stock'
import { withAvailability } from '@/lib/inventory/levels'
import { sanityFetch } from '@/lib/content/fetch'
import { CATEGORIES_QUERY, PRODUCTS_QUERY } from '@/sanity/queries'

/**
 * The catalogue: `/products` with sorting or filters (rendered per request, `streamed`: the
 * products stream in behind a skeleton), and as first shown, all or one category (`/catalog`,
 * cached for everyone, whole when served: a skeleton there would only show first, since React
 * reveals streamed content no sooner than 300 ms after the first paint). The category is checked
 * before anything streams, so an unknown one answers a real 404.
 */
export async function Catalog({
  params,
  streamed = false,
}: {
  params: CatalogParams
  streamed?: boolean
}) {
  const categories = await sanityFetch({ query: CATEGORIES_QUERY })
  const current = categories.find((c) => c.slug === params.category)
  if (params.category && !current) notFound()
  const listing = <Listing params={params} />

  return (
    <div className={clsx(pageColumn, 'py-12')}>
      <h1 className="font-serif text-4xl text-night">
        {current?.title ?? 'Shop sleep essentials'}
      </h1>
      <nav aria-label="Categories" className="mt-6">
        <ul className="flex flex-wrap gap-2">
          {[{ _id: 'all', title: 'All', slug: null }, ...categories].map((c) => {
            const active = (c.slug ?? null) === (current?.slug ?? null)
            return (
              <li key={c._id}>
                <Link
                  href={catalogHref(params, { category: c.slug })}
                  aria-current={active ? 'page' : undefined}
                  className={clsx(
                    'inline-flex rounded-full px-4 py-2 text-sm font-medium ring-1 ring-night/15',
                    active ? 'bg-night text-cream' : 'bg-white text-night hover:ring-indigo',
                  )}
                >
                  {c.title}
                </Link>
              </li>
            )
          })}
        </ul>
      </nav>
      {streamed ? (
        <Suspense
          fallback={
            <div className="mt-20 animate-pulse" aria-busy="true" aria-label="Loading products">
              <CardGridSkeleton />
            </div>
          }
        >
          {listing}
        </Suspense>
      ) : (
        listing
      )}
    </div>
  )
}

async function Listing({ params }: { params: CatalogParams }) {
  const products = await sanityFetch({
    query: PRODUCTS_QUERY,
    params: { category: params.category },
  })
  // One query for every card's stock (batched); the cards below reuse it.
  const units = new Map(
    await Promise.all(
      products.map(async (p) => [p._id, totalAvailable(await withAvailability(p))] as const),
    ),
  )
  const listed = listProducts(products, params, (p) => units.get(p._id) ?? null)
  return (
    <>
      <div className="mt-6 flex flex-wrap items-center justify-between gap-4">
        <CatalogControls params={params} sorts={SORTS} />
        <p className="text-sm text-night/75" aria-live="polite" data-testid="result-count">
          {listed.length} {listed.length === 1 ? 'product' : 'products'}
        </p>
      </div>
      <div className="mt-8">
        {listed.length === 0 ? (
          <EmptyState
            title="Nothing here right now"
            body={
              params.inStock
                ? 'Everything in this category is sold out at the moment.'
                : 'There are no products in this category.'
            }
            action={{
              href: catalogHref(params, { category: null, inStock: false }),
              label: 'See all products',
            }}
          />
        ) : (
          <ProductGrid products={listed} headingLevel={2} firstScreen />
        )}
      </div>
    </>
  )
}

import type { Metadata } from 'next'
import Link from 'next/link'
import { EmptyState } from '@/components/EmptyState'
import { ProductGrid } from '@/components/ProductCard'
import { sanityFetch, tags } from '@/lib/content/fetch'
import { PRODUCTS_QUERY } from '@/sanity/queries'

export const metadata: Metadata = {
  title: 'Shop sleep essentials',
  description: 'Magnesium supplements, mattresses, blackout curtains and sleep accessories we recommend.',
  alternates: { canonical: '/products' },
}

type Props = { searchParams: Promise<{ category?: string | string[] }> }

export default async function ProductsPage({ searchParams }: Props) {
  const requested = (await searchParams).category
  const category = typeof requested === 'string' && /^[a-z0-9-]{1,96}$/.test(requested) ? requested : null
  const { products, categories } = await sanityFetch({
    query: PRODUCTS_QUERY,
    params: { category },
    tags: ['product', 'category'].map(tags.type),
  })
  const current = categories.find((c) => c.slug === category)

  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-4xl text-night">{current?.title ?? 'Shop sleep essentials'}</h1>
      <nav aria-label="Categories" className="mt-6">
        <ul className="flex flex-wrap gap-2">
          {[{ _id: 'all', title: 'All', slug: null }, ...categories].map((c) => {
            const active = (c.slug ?? null) === (current?.slug ?? null)
            return (
              <li key={c._id}>
                <Link
                  href={c.slug ? `/products?category=${c.slug}` : '/products'}
                  aria-current={active ? 'page' : undefined}
                  className={`inline-flex rounded-full px-4 py-2 text-sm font-medium ring-1 ring-night/15 ${active ? 'bg-night text-cream' : 'bg-white text-night hover:ring-indigo'}`}
                >
                  {c.title}
                </Link>
              </li>
            )
          })}
        </ul>
      </nav>
      <div className="mt-8">
        {products.length === 0 ? (
          <EmptyState title="Nothing here yet" body="There are no products in this category." action={{ href: '/products', label: 'See all products' }} />
        ) : (
          <ProductGrid products={products} headingLevel={2} />
        )}
      </div>
    </div>
  )
}

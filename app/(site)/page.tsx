import { clsx } from 'clsx'
import type { Metadata } from 'next'
import Link from 'next/link'
import { ArticleCard } from '@/components/ArticleCard'
import { ProductGrid } from '@/components/ProductCard'
import { SanityImage } from '@/components/SanityImage'
import { button, card, pageColumn } from '@/components/styles'
import { sanityFetch } from '@/lib/content/fetch'
import { HOME_QUERY } from '@/sanity/queries'

/** Cached for everyone; a publish or a stock change expires it at once, and this is the backstop. */
export const revalidate = 60

export const metadata: Metadata = { alternates: { canonical: '/' } }

export default async function HomePage() {
  const { featured, articles, categories, bestsellers } = await sanityFetch({
    query: HOME_QUERY,
  })

  return (
    <>
      {featured && (
        <section className="bg-night text-cream">
          <div
            className={clsx(pageColumn, 'grid items-center gap-10 py-14 md:grid-cols-2 md:py-20')}
          >
            <div>
              <p className="text-sm font-medium tracking-widest text-lavender uppercase">
                Featured guide
              </p>
              <h1 className="mt-3 font-serif text-4xl leading-tight sm:text-5xl">
                {featured.title}
              </h1>
              {featured.excerpt && <p className="mt-4 text-lg text-cream/80">{featured.excerpt}</p>}
              <Link
                href={`/articles/${featured.slug}`}
                className={clsx(
                  'mt-8 inline-flex',
                  button({ tone: 'moon', size: 'lg', interactive: true }),
                )}
              >
                Read the guide
              </Link>
            </div>
            <SanityImage
              image={featured.heroImage}
              sizes="(min-width: 768px) 50vw, 100vw"
              className="w-full rounded-3xl"
              priority
            />
          </div>
        </section>
      )}

      <section aria-labelledby="categories-heading" className={clsx(pageColumn, 'pt-16')}>
        <h2 id="categories-heading" className="font-serif text-3xl text-night">
          Shop by category
        </h2>
        <ul className="mt-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
          {categories.map((category) => (
            <li key={category._id}>
              <Link
                href={`/products?category=${category.slug}`}
                className={clsx(card, 'flex h-full flex-col p-5 transition hover:ring-indigo')}
              >
                <span className="font-serif text-lg text-night">{category.title}</span>
                {category.description && (
                  <span className="mt-1 text-sm text-night/70">{category.description}</span>
                )}
                <span className="mt-auto pt-3 text-xs font-medium text-indigo">
                  {category.productCount} {category.productCount === 1 ? 'product' : 'products'}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      {bestsellers.length > 0 && (
        <section aria-labelledby="bestsellers-heading" className={clsx(pageColumn, 'pt-16')}>
          <h2 id="bestsellers-heading" className="font-serif text-3xl text-night">
            Editors’ picks
          </h2>
          <div className="mt-6">
            <ProductGrid products={bestsellers} />
          </div>
        </section>
      )}

      <section aria-labelledby="latest-heading" className={clsx(pageColumn, 'pt-16')}>
        <div className="flex items-end justify-between">
          <h2 id="latest-heading" className="font-serif text-3xl text-night">
            Latest sleep guides
          </h2>
          <Link href="/articles" className="text-sm font-medium text-indigo hover:underline">
            All guides
          </Link>
        </div>
        <ul className="mt-6 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
          {articles.map((article) => (
            <li key={article._id} className="flex">
              <ArticleCard article={article} />
            </li>
          ))}
        </ul>
      </section>
    </>
  )
}

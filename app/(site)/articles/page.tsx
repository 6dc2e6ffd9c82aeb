import { clsx } from 'clsx'
import type { Metadata } from 'next'
import { ArticleCard } from '@/components/ArticleCard'
import { EmptyState } from '@/components/EmptyState'
import { pageColumn } from '@/components/styles'
import { sanityFetch } from '@/lib/content/fetch'
import { ARTICLES_QUERY } from '@/sanity/queries'

/** Cached for everyone; a publish or a stock change expires it at once, and this is the backstop. */
export const revalidate = 60

export const metadata: Metadata = {
  title: 'Sleep guides',
  description: 'Practical, carefully sourced guides to sleeping better.',
  alternates: { canonical: '/articles' },
}

export default async function ArticlesPage() {
  const articles = await sanityFetch({ query: ARTICLES_QUERY })
  return (
    <div className={clsx(pageColumn, 'py-12')}>
      <h1 className="font-serif text-4xl text-night">Sleep guides</h1>
      <p className="mt-3 max-w-2xl text-night/70">
        Practical, carefully sourced guides to sleeping better.
      </p>
      {articles.length === 0 ? (
        <EmptyState title="No guides yet" body="Our editors are writing the first ones." />
      ) : (
        <ul className="mt-10 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {articles.map((article, index) => (
            <li key={article._id} className="flex">
              <ArticleCard article={article} headingLevel={2} priority={index === 0} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

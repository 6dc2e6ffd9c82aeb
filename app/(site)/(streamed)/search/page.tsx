import { clsx } from 'clsx'
import type { Metadata } from 'next'
import Link from 'next/link'
import { EmptyState } from '@/components/EmptyState'
import { SanityImage } from '@/components/SanityImage'
import { SearchForm } from '@/components/SearchForm'
import { card, cardEyebrow } from '@/components/styles'
import { sanityFetch } from '@/lib/content/fetch'
import { searchTerms } from '@/lib/search'
import { SEARCH_QUERY } from '@/sanity/queries'

type Props = { searchParams: Promise<{ q?: string | string[] }> }

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { q } = await searchParams
  const query = typeof q === 'string' ? q.slice(0, 100) : ''
  return { title: query ? `Search: ${query}` : 'Search', robots: { index: false, follow: true } }
}

export default async function SearchPage({ searchParams }: Props) {
  const { q } = await searchParams
  const query = typeof q === 'string' ? q.slice(0, 100) : ''
  const terms = searchTerms(query)
  const results = terms
    ? await sanityFetch({ query: SEARCH_QUERY, params: { terms }, uncached: true })
    : []

  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-4xl text-night">Search</h1>
      <SearchForm
        name="Refine your search"
        inputId="search-page-input"
        defaultValue={query}
        placeholder="Magnesium, blackout curtains, mattress…"
      />

      {!terms ? (
        <EmptyState
          title="What are you looking for?"
          body="Search our sleep guides and products by name or topic."
        />
      ) : results.length === 0 ? (
        <EmptyState
          title={`Nothing found for “${query}”`}
          body="Try fewer or different words, or browse everything."
          action={{ href: '/products', label: 'Browse all products' }}
        />
      ) : (
        <>
          <p className="mt-8 text-sm text-night/70" role="status">
            {results.length} {results.length === 1 ? 'result' : 'results'} for “{query}”
          </p>
          <ul className={clsx(card, 'mt-4 divide-y divide-night/10')} data-testid="search-results">
            {results.map((result) => (
              <li key={result._id} className="relative flex gap-4 p-4 hover:bg-mist/60">
                <SanityImage
                  image={result.image}
                  sizes="96px"
                  aspect={1}
                  className="h-20 w-20 shrink-0 rounded-xl object-cover"
                />
                <div className="min-w-0">
                  <p className={cardEyebrow}>
                    {result._type === 'article' ? 'Sleep guide' : 'Product'}
                  </p>
                  <h2 className="font-serif text-lg text-night">
                    <Link
                      href={`/${result._type === 'article' ? 'articles' : 'products'}/${result.slug}`}
                      className="after:absolute after:inset-0"
                    >
                      {result.title}
                    </Link>
                  </h2>
                  {result.snippet && (
                    <p className="mt-1 line-clamp-2 text-sm text-night/70">{result.snippet}</p>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}

import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { Catalog } from '@/components/Catalog'
import { parseCatalogParams } from '@/lib/catalog/listing'
import { sanityFetch } from '@/lib/content/fetch'
import { CATEGORIES_QUERY } from '@/sanity/queries'

/** Cached for everyone; a publish or a stock change expires it at once, and this is the backstop. */
export const revalidate = 60

/** Rendered on first request, then kept (none at build time: the build needs no content). */
export const generateStaticParams = () => []

type Props = { params: Promise<{ category?: string[] }> }

const ALL = {
  title: 'Shop sleep essentials',
  description:
    'Magnesium supplements, mattresses, blackout curtains and sleep accessories we recommend.',
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [slug] = (await params).category ?? []
  const category = slug
    ? (await sanityFetch({ query: CATEGORIES_QUERY })).find((c) => c.slug === slug)
    : undefined
  if (!category) return { ...ALL, alternates: { canonical: '/products' } }
  return {
    title: category.title ?? ALL.title,
    description: ALL.description,
    alternates: { canonical: `/products?category=${category.slug}` },
  }
}

/** `/products` and `/products?category=…` as first shown (proxy.ts rewrites them here). */
export default async function CatalogPage({ params }: Props) {
  const segments = (await params).category ?? []
  if (segments.length > 1) notFound()
  return <Catalog params={parseCatalogParams({ category: segments[0] })} />
}

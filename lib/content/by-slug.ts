import 'server-only'
import { ARTICLE_QUERY, PRODUCT_QUERY, SLUGS_QUERY } from '@/sanity/queries'
import { sanityFetch } from './fetch'

/**
 * An article or product by its slug, for its page, metadata and share image. The slug is checked
 * against one cached list of every slug first: each query answer is a new entry in Next's data
 * cache, so asking the lake about every made-up URL would grow the cache without end.
 */
async function isKnown(type: 'articles' | 'products', slug: string) {
  return (await sanityFetch({ query: SLUGS_QUERY }))[type].includes(slug)
}

export async function articleBySlug(slug: string) {
  return (await isKnown('articles', slug))
    ? sanityFetch({ query: ARTICLE_QUERY, params: { slug } })
    : null
}

export async function productBySlug(slug: string) {
  return (await isKnown('products', slug))
    ? sanityFetch({ query: PRODUCT_QUERY, params: { slug } })
    : null
}

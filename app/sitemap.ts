import type { MetadataRoute } from 'next'
import { sanityFetch } from '@/lib/content/fetch'
import { config } from '@/lib/env'
import { SITEMAP_QUERY } from '@/sanity/queries'

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const site = config().siteUrl
  const { articles, products } = await sanityFetch({ query: SITEMAP_QUERY })
  return [
    { url: `${site}/`, changeFrequency: 'weekly', priority: 1 },
    { url: `${site}/articles`, changeFrequency: 'weekly', priority: 0.8 },
    { url: `${site}/products`, changeFrequency: 'weekly', priority: 0.8 },
    ...articles.map((a) => ({
      url: `${site}/articles/${a.slug}`,
      lastModified: a.updatedAt ?? a._updatedAt,
      priority: 0.7,
    })),
    ...products.map((p) => ({
      url: `${site}/products/${p.slug}`,
      lastModified: p._updatedAt,
      priority: 0.6,
    })),
  ]
}

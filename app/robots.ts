import type { MetadataRoute } from 'next'
import { config } from '@/lib/env'

export default function robots(): MetadataRoute.Robots {
  const site = config().siteUrl
  return {
    rules: {
      userAgent: '*',
      allow: '/',
      disallow: ['/api/', '/studio', '/cart', '/checkout/', '/search'],
    },
    sitemap: `${site}/sitemap.xml`,
  }
}

import { escapeUTF8 } from 'entities'
import { Feed } from 'feed'
import { sanityFetch } from '@/lib/content/fetch'
import { config } from '@/lib/env'
import { SITEMAP_QUERY } from '@/sanity/queries'

export const dynamic = 'force-static'

/**
 * RSS 2.0 of the sleep guides, newest first (rebuilt when an article changes). Titles and excerpts
 * are plain text, and feed readers show them as HTML: they are escaped, so markup stays text.
 */
export async function GET() {
  const site = config().siteUrl
  const { articles } = await sanityFetch({ query: SITEMAP_QUERY })
  const feed = new Feed({
    title: 'Restwell sleep guides',
    description: 'Clear, careful guides to sleeping better.',
    id: `${site}/`,
    link: `${site}/articles`,
    language: 'en',
    copyright: `© Restwell`,
    updated: articles[0]
      ? new Date(articles[0].updatedAt ?? articles[0].publishedAt ?? Date.now())
      : new Date(0),
    feedLinks: { rss: `${site}/feed.xml` },
  })
  for (const article of articles) {
    feed.addItem({
      title: escapeUTF8(article.title ?? ''),
      id: `${site}/articles/${article.slug}`,
      link: `${site}/articles/${article.slug}`,
      description: escapeUTF8(article.excerpt ?? ''),
      date: new Date(article.updatedAt ?? article.publishedAt ?? article._updatedAt),
      published: article.publishedAt ? new Date(article.publishedAt) : undefined,
      author: article.author ? [{ name: article.author }] : undefined,
    })
  }
  return new Response(feed.rss2(), {
    headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
  })
}

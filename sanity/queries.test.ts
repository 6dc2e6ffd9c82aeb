import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  removeDir,
  startLakeProcess,
  type RunningLake,
} from '../services/content-lake/test/harness'
import { MAGNESIUM_ARTICLE } from './seed/facts'
import { ARTICLE_QUERY, ARTICLES_QUERY, HOME_QUERY, PRODUCT_QUERY, PRODUCTS_QUERY } from './queries'

// The site's queries against the real seed dataset, through @sanity/client, as the pages run them.
let lake: RunningLake
beforeAll(async () => {
  lake = await startLakeProcess({ seed: resolve(import.meta.dirname, 'seed', 'production.ndjson') })
})
afterAll(async () => {
  await lake.stop()
  removeDir(lake.dataDir)
})

const SLUG = 'is-magnesium-good-for-restless-legs'

describe('seeded content through the site queries', () => {
  it('returns the magnesium article with its six questions, FAQ and three inline product cards', async () => {
    const article = await lake.reader.fetch(ARTICLE_QUERY, { slug: SLUG })
    expect(article?.title).toBe('Is Magnesium Good For Restless Legs?')
    expect(article?.updatedAt?.slice(0, 7)).toBe('2021-05')
    const headings = article?.body
      ?.filter((block) => block._type === 'block' && block.style === 'h2')
      .map((block) => (block._type === 'block' ? block.children?.map((c) => c.text).join('') : ''))
    expect(headings).toEqual(MAGNESIUM_ARTICLE.questions)
    expect(article?.faq).toHaveLength(6)
    const cards = article?.body?.flatMap((block) =>
      block._type === 'productCard' ? [block.product?.slug] : [],
    )
    expect(cards).toEqual(['magnesium-glycinate', 'blackout-curtains', 'restwell-hybrid-mattress'])
    expect(article?.author?.name).toBe('Imogen Castellano, RD')
    expect(article?.heroImage?.alt).toBe(
      'Illustration of a bed under a crescent moon with a lavender blanket and two capsules on the floor',
    )
  })

  it('returns null for an unknown slug', async () => {
    expect(await lake.reader.fetch(ARTICLE_QUERY, { slug: 'nope' })).toBeNull()
  })

  it('reads a product with its variants and prices, and no stock (stock is not content: it lives in PostgreSQL)', async () => {
    const product = await lake.reader.fetch(PRODUCT_QUERY, { slug: 'magnesium-glycinate' })
    const variant = product?.variants?.find((v) => v._key === '60-caps')
    expect(variant).toEqual({
      _key: '60-caps',
      title: expect.any(String),
      sku: expect.any(String),
      priceCents: 2400,
      currency: 'usd',
    })
    expect(product?.featuredIn.map((a) => a.slug)).toContain(SLUG)
  })

  it('filters products by category and lists all without one', async () => {
    const all = await lake.reader.fetch(PRODUCTS_QUERY, { category: null })
    expect(all.length).toBeGreaterThanOrEqual(9)
    const mattresses = await lake.reader.fetch(PRODUCTS_QUERY, { category: 'mattresses' })
    expect(mattresses.length).toBeGreaterThan(0)
    expect(mattresses.every((p) => p.category?.slug === 'mattresses')).toBe(true)
  })

  it('lists articles newest first and features one on the home page', async () => {
    const articles = await lake.reader.fetch(ARTICLES_QUERY)
    const dates = articles.map((a) => a.publishedAt ?? '')
    expect(dates).toEqual([...dates].sort().reverse())
    const home = await lake.reader.fetch(HOME_QUERY)
    expect(home.featured?.slug).toBe(SLUG)
    expect(home.categories.map((c) => c.slug)).toEqual([
      'supplements',
      'mattresses',
      'blackout-curtains',
      'sleep-accessories',
    ])
    expect(home.categories.every((c) => c.productCount > 0)).toBe(true)
  })

  it('hides drafts from the published perspective the site reads', async () => {
    await lake.client.createOrReplace({
      _id: 'drafts.article-magnesium-restless-legs',
      _type: 'article',
      title: 'Draft title',
      slug: { _type: 'slug', current: SLUG },
    })
    const article = await lake.reader.fetch(ARTICLE_QUERY, { slug: SLUG })
    expect(article?.title).toBe('Is Magnesium Good For Restless Legs?')
  })
})

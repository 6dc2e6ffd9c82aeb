import { expect, test, type Page } from '@playwright/test'

type Thing = Record<string, unknown> & { '@type': string }

async function structuredData(page: Page): Promise<Thing[]> {
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents()
  return blocks.map((text) => JSON.parse(text) as Thing)
}

const byType = (things: Thing[], type: string) => things.find((t) => t['@type'] === type)

test('an article carries Article, FAQPage and BreadcrumbList data and social metadata', async ({
  page,
}) => {
  await page.goto('/articles/is-magnesium-good-for-restless-legs')
  const data = await structuredData(page)
  const article = byType(data, 'Article')!
  expect(article).toMatchObject({
    '@context': 'https://schema.org',
    headline: 'Is Magnesium Good For Restless Legs?',
    publisher: { name: 'Restwell' },
  })
  expect(String(article.dateModified)).toMatch(/^2021-05/)
  expect(String(article.datePublished)).toMatch(/^2021-/)
  expect(article.author).toMatchObject({ '@type': 'Person', name: expect.any(String) })
  expect(article.mainEntityOfPage).toMatch(/\/articles\/is-magnesium-good-for-restless-legs$/)

  const faq = byType(data, 'FAQPage')!
  const questions = faq.mainEntity as Array<{
    '@type': string
    name: string
    acceptedAnswer: { text: string }
  }>
  expect(questions).toHaveLength(6)
  for (const q of questions) {
    expect(q['@type']).toBe('Question')
    expect(q.name).toMatch(/\?$/)
    expect(q.acceptedAnswer.text.length).toBeGreaterThan(20)
  }
  const crumbs = byType(data, 'BreadcrumbList')!.itemListElement as Array<{
    position: number
    item: string
  }>
  expect(crumbs.map((c) => c.position)).toEqual([1, 2, 3])

  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
    'href',
    /\/articles\/is-magnesium-good-for-restless-legs$/,
  )
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article')
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute(
    'content',
    'summary_large_image',
  )
  const ogImage = await page.locator('meta[property="og:image"]').getAttribute('content')
  const image = await page.request.get(ogImage!)
  expect(image.status()).toBe(200)
  expect(image.headers()['content-type']).toBe('image/png')
})

test('a product carries Product data with an Offer per variant', async ({ page }) => {
  await page.goto('/products/magnesium-glycinate')
  const product = byType(await structuredData(page), 'Product')!
  expect(product.name).toBe('Magnesium Glycinate Capsules')
  const offers = product.offers as Array<Record<string, string>>
  expect(offers.length).toBeGreaterThanOrEqual(2)
  expect(offers[0]).toMatchObject({
    '@type': 'Offer',
    price: '24.00',
    priceCurrency: 'USD',
    availability: 'https://schema.org/InStock',
    sku: 'RW-MAG-060',
  })
  await page.goto('/products/white-noise-machine')
  const soldOut = byType(await structuredData(page), 'Product')!
  expect(
    (soldOut.offers as Array<Record<string, string>>).every(
      (o) => o.availability === 'https://schema.org/OutOfStock',
    ),
  ).toBe(true)
})

test('sitemap, robots and the RSS feed list the content', async ({ request }) => {
  const sitemap = await (await request.get('/sitemap.xml')).text()
  expect(sitemap).toContain('/articles/is-magnesium-good-for-restless-legs</loc>')
  expect(sitemap).toContain('/products/magnesium-glycinate</loc>')
  const robots = await (await request.get('/robots.txt')).text()
  expect(robots).toMatch(/Sitemap: .*\/sitemap\.xml/)
  expect(robots).toContain('Disallow: /studio')
  const feed = await request.get('/feed.xml')
  expect(feed.headers()['content-type']).toContain('application/rss+xml')
  const xml = await feed.text()
  expect(xml).toContain('<rss')
  expect(xml).toContain('Is Magnesium Good For Restless Legs?')
})

test('icons and the web app manifest are linked, served and allowed by the page policy', async ({
  page,
}) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/.test(message.text())) violations.push(message.text())
  })
  await page.goto('/')
  const links = await page
    .locator('link[rel="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]')
    .evaluateAll((els) => els.map((el) => `${el.getAttribute('rel')} ${el.getAttribute('href')}`))
  expect(links.sort()).toEqual([
    'apple-touch-icon /apple-touch-icon.png',
    'icon /icon.svg',
    'manifest /manifest.webmanifest',
  ])

  // Chromium reads the manifest as an installing browser would, under the page's policy.
  const cdp = await page.context().newCDPSession(page)
  const { errors, data } = await cdp.send('Page.getAppManifest')
  expect(errors).toEqual([])
  const manifest = JSON.parse(data!) as {
    name: string
    icons: Array<{ src: string; sizes: string; type: string }>
  }
  expect(manifest.name).toMatch(/Restwell/)

  const types: Record<string, string> = {
    '/icon.svg': 'image/svg+xml',
    '/favicon.ico': 'image/x-icon',
    '/apple-touch-icon.png': 'image/png',
  }
  for (const icon of manifest.icons) types[icon.src] = icon.type
  for (const [path, type] of Object.entries(types)) {
    const res = await page.request.get(path)
    expect(res.status(), path).toBe(200)
    expect(res.headers()['content-type'], path).toBe(type)
    expect(res.headers()['x-content-type-options'], path).toBe('nosniff')
  }
  for (const icon of manifest.icons) {
    // Each icon is drawn where the page may load images from, at the size the manifest states.
    const size = await page.evaluate(async (src) => {
      const img = new Image()
      img.src = src
      await img.decode()
      return `${img.naturalWidth}x${img.naturalHeight}`
    }, icon.src)
    expect(size, icon.src).toBe(icon.sizes)
  }
  expect(violations).toEqual([])
})

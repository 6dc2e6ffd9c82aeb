import { expect, test, type Page } from '@playwright/test'
import { lakeMutate } from './support/lake'

/**
 * Cached pages cannot carry a script nonce, so their policy allows inline scripts: what keeps an
 * editor's (or an attacker's) markup inert is that every place content appears escapes it.
 */
const PAYLOAD = `</script><script>window.__xss="script"</script>"><img src=x onerror="window.__xss='img'">`
const ID = 'article-xss-probe'
const SLUG = 'xss-probe'

const block = (key: string, text: string, markDefs: unknown[] = [], marks: string[] = []) => ({
  _type: 'block',
  _key: key,
  style: 'normal',
  markDefs,
  children: [{ _type: 'span', _key: `${key}-span`, text, marks }],
})

test.beforeAll(async () => {
  await lakeMutate([
    {
      createOrReplace: {
        _id: ID,
        _type: 'article',
        title: `Probe ${PAYLOAD}`,
        slug: { _type: 'slug', current: SLUG },
        excerpt: `Excerpt ${PAYLOAD}`,
        publishedAt: '2020-01-01T00:00:00Z',
        seo: { title: `Seo ${PAYLOAD}`, description: `Seo description ${PAYLOAD}` },
        body: [
          block('b1', `Body ${PAYLOAD}`),
          block(
            'b2',
            'a link',
            [{ _type: 'link', _key: 'l1', href: "javascript:window.__xss='link'" }],
            ['l1'],
          ),
        ],
      },
    },
  ])
})
test.afterAll(async () => {
  await lakeMutate([{ delete: { id: ID } }])
})

async function expectNothingRan(page: Page) {
  const ran = await page.evaluate(() => (window as { __xss?: string }).__xss ?? null)
  expect(ran, 'a script from the content ran').toBeNull()
}

test('markup in an article title, excerpt and body runs nowhere the content appears', async ({
  page,
  request,
}) => {
  page.on('dialog', (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`)
  })

  await page.goto(`/articles/${SLUG}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Probe ${PAYLOAD}`) // shown as text
  await expect(page.getByText(`Body ${PAYLOAD}`)).toBeVisible()
  await expect(page.getByText('a link')).toBeVisible()
  await expect(page.getByRole('link', { name: 'a link' })).toHaveCount(0) // a javascript: address stays text
  await expectNothingRan(page)

  // Structured data: the payload stays data, and cannot close its script element.
  const jsonLd = await page.locator('script[type="application/ld+json"]').allTextContents()
  expect(jsonLd.some((text) => text.includes('</script'))).toBe(false)
  expect(
    jsonLd.map((text) => JSON.parse(text)).find((data) => data['@type'] === 'Article')?.headline,
  ).toBe(`Probe ${PAYLOAD}`)

  // Lists that show the title.
  for (const path of ['/articles', `/search?q=Probe`]) {
    await page.goto(path)
    await expect(page.getByText(`Probe ${PAYLOAD}`).first()).toBeVisible()
    await expectNothingRan(page)
  }

  // The share image draws the title as pixels.
  const ogImage = await page
    .goto(`/articles/${SLUG}`)
    .then(() => page.locator('meta[property="og:image"]').getAttribute('content'))
  const image = await request.get(new URL(ogImage!).pathname)
  expect(image.status()).toBe(200)
  expect(image.headers()['content-type']).toBe('image/png')

  // The feed: escaped XML, and opening it runs nothing.
  const feed = await request.get('/feed.xml')
  const xml = await feed.text()
  expect(xml).not.toContain('<script>')
  expect(xml).not.toContain('<img src=x')
  await page.goto('/feed.xml')
  await expectNothingRan(page)

  // The check can fail: under the cached page's policy, the same markup inserted unescaped runs.
  await page.goto(`/articles/${SLUG}`)
  await page.evaluate(
    (html) => document.querySelector('main')!.insertAdjacentHTML('beforeend', html),
    PAYLOAD,
  )
  await expect
    .poll(() => page.evaluate(() => (window as { __xss?: string }).__xss ?? null))
    .toBe('img')
})

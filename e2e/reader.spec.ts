import { expect, test } from '@playwright/test'
import { MAGNESIUM_ARTICLE } from '../sanity/seed/facts'

const ARTICLE = '/articles/is-magnesium-good-for-restless-legs'
const QUESTIONS = MAGNESIUM_ARTICLE.questions

test('a reader goes from the home page to the article and on to a recommended product', async ({
  page,
}) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.getByRole('link', { name: 'Sleep guides' }).first().click()
  await expect(page).toHaveURL('/articles')
  await page.getByRole('link', { name: 'Is Magnesium Good For Restless Legs?' }).click()
  await expect(page).toHaveURL(ARTICLE)

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Is Magnesium Good For Restless Legs?',
  )
  await expect(page.getByTestId('updated')).toHaveText('Updated May 2021')
  const body = page.locator('article')
  for (const question of QUESTIONS) {
    await expect(body.getByRole('heading', { level: 2, name: question, exact: true })).toBeVisible()
  }

  const faq = page.getByRole('region', { name: 'Frequently asked questions' })
  await expect(faq.getByTestId('faq-item')).toHaveCount(QUESTIONS.length)
  await faq.getByText(QUESTIONS[2]).click()
  await expect(faq.getByTestId('faq-item').nth(2).locator('p')).toBeVisible()

  const cards = page.getByTestId('inline-product-card')
  await expect(cards).toHaveCount(3)
  await expect(cards.filter({ hasText: 'Magnesium Glycinate' })).toContainText('$24.00')
  await expect(cards.filter({ hasText: 'Blackout Curtains' })).toHaveCount(1)
  await expect(cards.filter({ hasText: 'Mattress' })).toHaveCount(1)
  await expect(page.getByRole('heading', { name: 'Shop this article' })).toBeVisible()

  await cards.filter({ hasText: 'Magnesium Glycinate' }).getByRole('link').click()
  await expect(page).toHaveURL('/products/magnesium-glycinate')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Magnesium Glycinate Capsules')
  await expect(page.getByTestId('price')).toHaveText('$24.00')
  await expect(page.locator('[data-stock]').first()).toHaveText('In stock')
  await page.getByText('120', { exact: false }).first().click()
  await expect(page.getByTestId('price')).toHaveText('$42.00')
  await expect(page.getByRole('heading', { name: 'Featured in' })).toBeVisible()
  await expect(
    page.getByRole('link', { name: 'Is Magnesium Good For Restless Legs?' }),
  ).toBeVisible()
})

test('every inline product card links to a working product page', async ({ page }) => {
  await page.goto(ARTICLE)
  const links = page.getByTestId('inline-product-card').getByRole('link')
  await expect(links).toHaveCount(3)
  const hrefs = await links.evaluateAll((links) => links.map((link) => link.getAttribute('href')))
  expect(hrefs).toHaveLength(3)
  for (const href of hrefs) {
    const response = await page.goto(href!)
    expect(response?.status()).toBe(200)
    await expect(page.getByTestId('price')).toHaveText(/^\$\d/)
  }
})

test('images render from the local content lake with alt text', async ({ page }) => {
  await page.goto(ARTICLE)
  const hero = page.locator('main img').first()
  await expect(hero).toHaveAttribute('alt', /.+/)
  await expect
    .poll(() => hero.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true)
})

test('the product list filters by category', async ({ page }) => {
  await page.goto('/products')
  await expect(page.locator('main ul li article').first()).toBeVisible()
  const all = await page.locator('main ul li article').count()
  expect(all).toBeGreaterThanOrEqual(9)
  await page
    .getByRole('navigation', { name: 'Categories' })
    .getByRole('link', { name: 'Mattresses' })
    .click()
  await expect(page).toHaveURL('/products?category=mattresses')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mattresses')
  const cards = page.locator('main ul li article')
  await expect(cards).not.toHaveCount(all)
  for (const text of await cards.allInnerTexts()) expect(text).toContain('Mattress')
})

test('unknown articles, products and categories get a real 404 page that asks not to be indexed', async ({
  page,
}) => {
  for (const path of [
    '/articles/no-such-article',
    '/products/no-such-product',
    '/products?category=no-such-category',
    '/nowhere',
  ]) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(404)
    await expect(page.getByRole('heading', { name: 'We couldn’t find that page' })).toBeVisible()
    await expect(page.locator('meta[name="robots"]'), path).toHaveAttribute('content', /noindex/)
  }
})

test('the article reads well on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 })
  await page.goto(ARTICLE)
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  )
  expect(overflow).toBeLessThanOrEqual(0)
  await page.screenshot({ path: test.info().outputPath('article-375.png'), fullPage: true })
})

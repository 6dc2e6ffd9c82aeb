import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { payOnHostedPage } from '../services/stripe-local/test/harness'

async function expectNoViolations(page: Page, path: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze()
  expect(
    violations.map((v) => `${path}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target}`),
  ).toEqual([])
}

for (const path of [
  '/',
  '/articles',
  '/articles/is-magnesium-good-for-restless-legs',
  '/products',
  '/products/magnesium-glycinate',
  '/search?q=sleep',
  '/orders',
  '/sign-in',
  '/account', // signed out: the way to sign in
  '/no-such-page',
]) {
  test(`no accessibility violations on ${path}`, async ({ page }) => {
    await page.goto(path)
    await expectNoViolations(page, path)
  })
}

test('no accessibility violations on the cart and the order confirmation', async ({ page }) => {
  expect(
    (
      await page.request.post('/api/cart', {
        data: { productId: 'product-cooling-pillow', variantKey: 'standard' },
      })
    ).status(),
  ).toBe(200)
  await page.goto('/cart')
  await expect(page.getByTestId('cart-line')).toHaveCount(1)
  await expectNoViolations(page, '/cart')
  const { url } = await (await page.request.post('/api/checkout')).json()
  const paid = await payOnHostedPage(url)
  await page.goto(paid.location!)
  await expect(page.getByRole('heading', { name: 'Your order is confirmed' })).toBeVisible({
    timeout: 15_000,
  })
  await expectNoViolations(page, '/checkout/success')
})

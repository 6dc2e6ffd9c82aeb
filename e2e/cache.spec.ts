import { expect, test, type Browser } from '@playwright/test'
import { MAGNESIUM_ARTICLE } from '../sanity/seed/facts'
import { lakeMutate, lakeQuery } from './support/lake'

const ARTICLE = `/articles/${MAGNESIUM_ARTICLE.slug}`

/** A fresh browser context (its own cookies) with this many capsules in its cart. */
async function readerWithCart(browser: Browser, quantity: number) {
  const context = await browser.newContext()
  if (quantity > 0) {
    const added = await context.request.post('/api/cart', {
      data: { productId: 'product-magnesium-glycinate', variantKey: '60-caps', quantity },
    })
    expect(added.status()).toBe(200)
  }
  return context
}

test('two readers with different carts on the same cached article each see their own count', async ({
  browser,
}) => {
  const [one, three] = [await readerWithCart(browser, 1), await readerWithCart(browser, 3)]
  const [pageOne, pageThree] = [await one.newPage(), await three.newPage()]
  const first = await pageOne.goto(ARTICLE)
  await pageOne.reload()
  const second = await pageThree.goto(ARTICLE)
  // The second reader is served the copy the first one's visit put in the cache.
  expect(second?.headers()['x-nextjs-cache']).toBe('HIT')
  expect(second?.headers()['cache-control']).toMatch(/s-maxage=\d+, stale-while-revalidate=\d+/)
  expect(first?.headers()['content-security-policy']).not.toContain('nonce-')
  await expect(pageOne.getByTestId('cart-count')).toHaveText('1')
  await expect(pageThree.getByTestId('cart-count')).toHaveText('3')
  await one.close()
  await three.close()
})

test("a forged cart cookie on a cached page shows an empty count, never another reader's", async ({
  browser,
}) => {
  const other = await readerWithCart(browser, 2)
  await (await other.newPage()).goto(ARTICLE)
  const forger = await browser.newContext()
  await forger.addCookies([
    { name: 'rw_cart', value: 'eyJpZCI6ImEiLCJsaW5lcyI6W119.forged', url: 'http://localhost:3100' },
    { name: 'rw_cart_count', value: '<img src=x onerror=alert(1)>', url: 'http://localhost:3100' },
  ])
  const page = await forger.newPage()
  page.on('dialog', () => {
    throw new Error('a script from the cookie ran')
  })
  await page.goto(ARTICLE)
  await expect(page.getByTestId('cart-count')).toHaveText('0')
  await page.goto('/cart')
  await expect(page.getByText('Your cart is empty')).toBeVisible()
  await other.close()
  await forger.close()
})

test('an article published right after a reader opened it shows without a reload', async ({
  page,
}) => {
  const original = await lakeQuery<string>('*[_id == $id][0].title', { id: MAGNESIUM_ARTICLE.id })
  const title = `${original} (published on load)`
  await page.goto(ARTICLE)
  await page.evaluate(() => Object.assign(window, { openedOnce: true }))
  try {
    // Before the page's live stream has opened: no event for it will come.
    await lakeMutate([{ patch: { id: MAGNESIUM_ARTICLE.id, set: { title } } }])
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title, { timeout: 10_000 })
    expect(await page.evaluate(() => 'openedOnce' in window), 'the page was not reloaded').toBe(
      true,
    )
  } finally {
    await lakeMutate([{ patch: { id: MAGNESIUM_ARTICLE.id, set: { title: original } } }])
  }
})

test('an unknown article is a real 404 with noindex, never kept', async ({ page }) => {
  for (let i = 0; i < 2; i++) {
    const response = await page.goto('/articles/no-such-guide-anywhere')
    expect(response?.status()).toBe(404)
    expect(response?.headers()['x-nextjs-cache']).not.toBe('HIT')
  }
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/)
})

test('a cart whose price changed since it was shown says so before payment, and shows the new price', async ({
  page,
}) => {
  const price = (cents: number) => [
    {
      patch: {
        id: 'product-tart-cherry-gummies',
        set: { 'variants[_key=="60-gummies"].priceCents': cents },
      },
    },
  ]
  await page.request.post('/api/cart', {
    data: { productId: 'product-tart-cherry-gummies', variantKey: '60-gummies', quantity: 1 },
  })
  await page.goto('/cart')
  await expect(page.getByText('$28.00').first()).toBeVisible()
  try {
    await lakeMutate(price(3100))
    await page.getByRole('button', { name: 'Checkout' }).click()
    await expect(
      page.getByText(
        /Prices changed since your cart was shown: .*Tart Cherry Sleep Gummies.* is now \$31\.00, not \$28\.00/,
      ),
    ).toBeVisible()
    await expect(page).toHaveURL(/\/cart/)
    await expect(page.getByText('$31.00').first()).toBeVisible()
  } finally {
    await lakeMutate(price(2800))
    await page.request.delete('/api/cart')
  }
})

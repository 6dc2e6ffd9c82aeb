import { expect, test, type Page } from '@playwright/test'

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `max` presses. */
async function tabTo(
  page: Page,
  matches: (el: {
    tag: string
    text: string
    label: string | null
    name: string | null
  }) => boolean,
  max = 120,
) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null
      return a
        ? {
            tag: a.tagName,
            text: (a.textContent ?? '').trim(),
            label: a.getAttribute('aria-label'),
            name: a.getAttribute('name'),
          }
        : null
    })
    if (el && matches(el)) return
  }
  throw new Error('the element was never reached with the keyboard')
}

async function focusRing(page: Page) {
  return page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element)
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
  })
}

test('a keyboard-only reader goes from the article to a paid order, with a visible focus ring', async ({
  page,
}) => {
  await page.goto('/articles/is-magnesium-good-for-restless-legs')
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Add to cart')
  expect(await focusRing(page)).toBe(true)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('cart-count')).toHaveText('1')

  await tabTo(page, (el) => el.tag === 'A' && /^Cart/.test(el.text))
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL('/cart')
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Checkout')
  expect(await focusRing(page)).toBe(true)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/pay\/cs_test_/)

  const fields: Array<[string, string]> = [
    ['email', 'keys@example.com'],
    ['name', 'Kay Board'],
    ['line1', '1 Tab Street'],
    ['city', 'Enterville'],
    ['postal_code', '10001'],
    ['card_number', '4242 4242 4242 4242'],
    ['card_expiry', '12 / 34'],
    ['card_cvc', '123'],
  ]
  for (const [name, value] of fields) {
    await tabTo(page, (el) => el.name === name, 30)
    await page.keyboard.type(value)
  }
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.text.startsWith('Pay'), 10)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/checkout\/success/)
  await expect(page.getByRole('heading', { name: 'Your order is confirmed' })).toBeVisible({
    timeout: 15_000,
  })
})

for (const width of [375, 1280]) {
  test(`key pages at ${width} px (screenshots kept with the results)`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width, height: 900 })
    for (const [name, path] of [
      ['home', '/'],
      ['article', '/articles/is-magnesium-good-for-restless-legs'],
      ['product', '/products/magnesium-glycinate'],
      ['products', '/products'],
      ['search', '/search?q=sleep'],
      ['sign-in', '/sign-in'],
    ]) {
      await page.goto(path)
      await page.waitForLoadState('networkidle')
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      )
      expect(overflow, `${path} overflows at ${width}px`).toBeLessThanOrEqual(0)
      await testInfo.attach(`${name}-${width}`, {
        body: await page.screenshot({ fullPage: true }),
        contentType: 'image/png',
      })
    }
  })
}

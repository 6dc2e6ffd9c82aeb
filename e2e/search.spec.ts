import { expect, test } from '@playwright/test'

test('the header search finds articles and products, best match first', async ({ page }) => {
  await page.goto('/')
  const box = page
    .getByRole('search', { name: 'Search the site' })
    .getByRole('searchbox', { name: 'Search guides and products' })
  await box.fill('magnesium')
  await box.press('Enter')
  await expect(page).toHaveURL('/search?q=magnesium')
  const results = page.getByTestId('search-results').getByRole('listitem')
  await expect(results.first()).toBeVisible()
  const text = await results.allInnerTexts()
  expect(text.some((t) => t.includes('Is Magnesium Good For Restless Legs?'))).toBe(true)
  expect(text.some((t) => t.includes('Magnesium Glycinate Capsules'))).toBe(true)
  await expect(page.getByRole('status')).toContainText('results for “magnesium”')
})

test('a partial word matches as a prefix, and nothing found says so', async ({ page }) => {
  await page.goto('/search?q=curtai')
  await expect(page.getByTestId('search-results')).toContainText('Blackout Curtains')
  await page.goto('/search?q=zzqxv')
  await expect(page.getByText('Nothing found for “zzqxv”')).toBeVisible()
  await page.goto('/search')
  await expect(page.getByText('What are you looking for?')).toBeVisible()
})

test('query operators and odd input are just words', async ({ request }) => {
  for (const q of ['*', '"||"', 'magnesium*)]', '%00', 'a'.repeat(5000), '$terms']) {
    const res = await request.get(`/search?q=${encodeURIComponent(q)}`)
    expect(res.status(), q.slice(0, 20)).toBe(200)
  }
})

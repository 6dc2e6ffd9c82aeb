import type { Page } from '@playwright/test'

/** Fills in the local Stripe double's pay page as a buyer would, optionally choosing a shipping rate, and pays. */
export async function fillPayment(
  page: Page,
  card: string,
  { shipping }: { shipping?: string } = {},
) {
  await page.getByLabel('Email').fill('buyer@example.com')
  if (shipping) await page.getByRole('radio', { name: new RegExp(`^${shipping} —`) }).check()
  await page.getByLabel('Full name').fill('Sam Sleeper')
  await page.getByLabel('Address', { exact: true }).fill('12 Quiet Lane')
  await page.getByLabel('City').fill('Portland')
  await page.getByLabel('State / region').fill('OR')
  await page.getByLabel('Postal code').fill('97201')
  await page.getByLabel('Card number').fill(card)
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 34')
  await page.getByLabel('CVC').fill('123')
  await page.getByRole('button', { name: /^Pay / }).click()
}

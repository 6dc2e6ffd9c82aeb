import { expect, test } from '@playwright/test'
import { fillPayment } from './support/checkout'
import { emailsMatching, orderLinkIn } from './support/inbox'
import { dbQuery } from './support/database'

const ARTICLE = '/articles/is-magnesium-good-for-restless-legs'

// The lookup test reads the order the purchase test placed: they run (and retry) together.
test.describe.configure({ mode: 'serial' })

test('a buyer applies SLEEP10, picks Express, pays, gets the email and opens the order from it', async ({
  page,
}) => {
  await page.goto(ARTICLE)
  const magnesium = page
    .getByTestId('inline-product-card')
    .filter({ hasText: 'Magnesium Glycinate' })
  await magnesium.getByLabel('Option for Magnesium Glycinate Capsules').selectOption('60-caps')
  await magnesium.getByRole('button', { name: 'Add to cart' }).click()
  await expect(page.getByTestId('cart-count')).toHaveText('1')
  await page.goto('/cart')

  const code = page.getByLabel('Promotion code')
  await code.fill('NOPE')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page.getByTestId('promotion-error')).toHaveText(
    'NOPE is not a code we know. Check the spelling.',
  )
  await code.fill('spring21')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page.getByTestId('promotion-error')).toHaveText('SPRING21 has expired.')
  await code.fill(' sleep10 ')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page.getByTestId('promotion')).toContainText('SLEEP10 · 10% off')
  await expect(page.getByTestId('discount')).toHaveText('−$2.40')
  await expect(page.getByTestId('estimated-total')).toHaveText('$27.55') // 24.00 − 2.40 + 5.95

  await page.getByRole('button', { name: 'Checkout' }).click()
  await expect(page).toHaveURL(/\/pay\/cs_test_/)
  await expect(page.getByTestId('discount-amount')).toHaveText('−$2.40')
  await page.getByRole('radio', { name: /^Express —/ }).check()
  await expect(page.getByTestId('total')).toHaveText('$36.55') // 24.00 − 2.40 + 14.95
  await fillPayment(page, '4242 4242 4242 4242', { shipping: 'Express' })

  await expect(page).toHaveURL(/\/checkout\/success\?session_id=cs_test_/)
  await expect(page.getByTestId('order-total')).toHaveText('$36.55')
  const orderNumber = (await page.getByTestId('order-number').textContent())!

  await expect
    .poll(async () => (await emailsMatching(orderNumber)).length, { timeout: 15_000 })
    .toBe(1)
  const [email] = await emailsMatching(orderNumber)
  expect(email.to[0].address).toBe('buyer@example.com')
  expect(email.text).toContain('Express')
  const link = orderLinkIn(email)

  await page.goto(link.pathname + link.search)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(orderNumber)
  await expect(page.getByTestId('order-status')).toHaveText('Paid')
  await expect(page.getByTestId('order-discount')).toHaveText('−$2.40')
  await expect(page.getByTestId('order-shipping')).toHaveText('$14.95')
  await expect(page.getByTestId('order-total')).toHaveText('$36.55')
  await expect(page.getByTestId('shipping-address')).toContainText('12 Quiet Lane')

  // Someone else's link, or none, finds nothing.
  const [{ id: other }] = await dbQuery<{ id: string }>(
    'select id from orders where id <> $1 limit 1',
    [link.pathname.split('/').pop()],
  )
  for (const path of [
    link.pathname,
    `${link.pathname}?token=wrong`,
    `/orders/${other}${link.search}`,
    '/orders/nope?token=x',
    '/checkout/success?session_id=cs_test_nope',
  ]) {
    expect((await page.goto(path))?.status(), path).toBe(404)
  }
})

test('the catalogue sorts by price and hides sold-out products on request, all in the URL', async ({
  page,
}) => {
  await page.goto('/products')
  await expect(page.getByRole('link', { name: 'Hush White Noise Machine' })).toBeVisible()
  await page.getByLabel('Sort by').selectOption('price-asc')
  await expect(page).toHaveURL('/products?sort=price-asc')
  // The sorted list replaces the first one after the address changes: poll until it has come.
  const cardPrices = () =>
    page
      .getByTestId('card-price')
      .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-cents'))))
  await expect.poll(async () => (await cardPrices()).length).toBeGreaterThanOrEqual(9)
  const prices = await cardPrices()
  expect(prices).toEqual([...prices].sort((a, b) => a - b))

  await page.getByLabel('In stock only').check()
  await expect(page).toHaveURL('/products?sort=price-asc&inStock=1')
  await expect(page.getByRole('link', { name: 'Hush White Noise Machine' })).toHaveCount(0)
  await expect(page.getByLabel('Sort by')).toHaveValue('price-asc')

  await page.goBack()
  await expect(page).toHaveURL('/products?sort=price-asc')
  await expect(page.getByRole('link', { name: 'Hush White Noise Machine' })).toBeVisible()

  // The sold-out product's card says so and cannot be added.
  const soldOut = page.locator('article').filter({ hasText: 'White Noise Machine' })
  await expect(soldOut.locator('[data-stock]')).toHaveText('Sold out')
  await expect(soldOut.getByRole('button', { name: 'Sold out' })).toBeDisabled()
})

test('find my order answers the same whether or not the order exists, and emails only the buyer', async ({
  page,
  request,
}) => {
  const [order] = await dbQuery<{ orderNumber: string; email: string }>(
    `select order_number as "orderNumber", email from orders where status = 'paid' limit 1`,
  )
  const real = await request.post('/api/orders/lookup', {
    data: { email: order.email.toUpperCase(), orderNumber: order.orderNumber.toLowerCase() },
  })
  const unknown = await request.post('/api/orders/lookup', {
    data: { email: 'nobody@example.com', orderNumber: 'RW-00000000' },
  })
  expect(real.status()).toBe(202)
  expect(unknown.status()).toBe(202)
  expect(await real.json()).toEqual(await unknown.json())
  await expect
    .poll(async () => (await emailsMatching(order.orderNumber)).length, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(2)
  expect((await emailsMatching('RW-00000000')).length).toBe(0)

  const bad = await request.post('/api/orders/lookup', {
    data: { email: 'not-an-email', orderNumber: 'x'.repeat(10_000) },
  })
  expect(bad.status()).toBe(400)
  expect(await bad.json()).toEqual({ error: expect.any(String) })

  await page.goto('/orders')
  await page.getByLabel('Email address').fill('nobody@example.com')
  await page.getByLabel('Order number').fill('RW-12345678')
  await page.getByRole('button', { name: 'Email me the link' }).click()
  await expect(page.getByTestId('lookup-answer')).toHaveText((await unknown.json()).message)
})

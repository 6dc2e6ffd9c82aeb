import { expect, test, type Page } from '@playwright/test'
import { fillPayment } from './support/checkout'
import { dbQuery, variantStock } from './support/database'
import { lakeQuery } from './support/lake'

const ARTICLE = '/articles/is-magnesium-good-for-restless-legs'

test('a reader buys the magnesium supplement from the article', async ({ page }) => {
  const before = await variantStock('product-magnesium-glycinate', '60-caps')
  await page.goto(ARTICLE)
  const badge = page.getByTestId('cart-count')
  await expect(badge).toHaveText('0')

  const magnesium = page
    .getByTestId('inline-product-card')
    .filter({ hasText: 'Magnesium Glycinate' })
  await magnesium.getByLabel('Option for Magnesium Glycinate Capsules').selectOption('60-caps')
  await magnesium.getByRole('button', { name: 'Add to cart' }).click()
  await expect(badge).toHaveText('1') // no reload
  const curtains = page.getByTestId('inline-product-card').filter({ hasText: 'Blackout Curtains' })
  await curtains.getByRole('button', { name: 'Add to cart' }).click()
  await expect(badge).toHaveText('2')

  await page.getByRole('link', { name: 'Cart 2 items' }).click()
  await expect(page).toHaveURL('/cart')
  const lines = page.getByTestId('cart-line')
  await expect(lines).toHaveCount(2)
  await lines
    .filter({ hasText: 'Magnesium' })
    .getByRole('button', { name: /Increase quantity/ })
    .click()
  await expect(lines.filter({ hasText: 'Magnesium' }).getByTestId('line-quantity')).toHaveText('2')
  await lines
    .filter({ hasText: 'Curtains' })
    .getByRole('button', { name: /Remove/ })
    .click()
  await expect(lines).toHaveCount(1)
  await expect(page.getByTestId('subtotal')).toHaveText('$48.00')
  await expect(badge).toHaveText('2')

  await page.getByRole('button', { name: 'Checkout' }).click()
  await expect(page).toHaveURL(/\/pay\/cs_test_/)
  await expect(page.getByText('Magnesium Glycinate Capsules — 60 capsules × 2')).toBeVisible()
  await fillPayment(page, '4242 4242 4242 4242')

  await expect(page).toHaveURL(/\/checkout\/success\?session_id=cs_test_/)
  await expect(page.getByRole('heading', { name: 'Your order is confirmed' })).toBeVisible()
  await expect(page.getByTestId('order-number')).toHaveText(/^RW-[0-9A-F]{8}$/)
  await expect(page.getByTestId('order-total')).toHaveText('$53.95')
  await expect(page.getByTestId('shipping-address')).toContainText('12 Quiet Lane')
  await expect(badge).toHaveText('0') // the cart is cleared

  const sessionId = new URL(page.url()).searchParams.get('session_id')!
  const [order] = await dbQuery<{ status: string }>(
    'select status from orders where session_id = $1',
    [sessionId],
  )
  expect(order.status).toBe('paid')
  // The Studio's read-only mirror follows from the outbox, with the article that sold it.
  await expect
    .poll(() => lakeQuery('*[_id == $id][0]._id', { id: `orders.order-${sessionId}` }), {
      timeout: 10_000,
    })
    .toBe(`orders.order-${sessionId}`)
  const mirrored = await lakeQuery<{ lines: unknown[] }>('*[_id == $id][0]{ lines }', {
    id: `orders.order-${sessionId}`,
  })
  expect(mirrored.lines).toEqual([
    expect.objectContaining({
      quantity: 2,
      article: expect.objectContaining({ _ref: 'article-magnesium-restless-legs' }),
    }),
  ])
  expect(await variantStock('product-magnesium-glycinate', '60-caps')).toEqual({
    onHand: before.onHand - 2,
    held: before.held,
    sold: before.sold + 2,
  })
})

test('the header counts the cart from its count cookie on a page cached for everyone; loading asks the cart API nothing', async ({
  page,
}) => {
  const added = await page.request.post('/api/cart', {
    data: { productId: 'product-magnesium-glycinate', variantKey: '60-caps', quantity: 2 },
  })
  expect(added.status()).toBe(200)
  const cartReads: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/cart') cartReads.push(request.method())
  })
  // The live listener mounts after hydration, so by then the badge's own effects have run.
  const hydrated = page.waitForRequest((request) =>
    new URL(request.url()).pathname.startsWith('/api/live-events'),
  )
  const response = await page.goto(ARTICLE)
  // The page is the one every reader gets: no count of anyone's in it.
  expect(await response?.text()).toMatch(/data-testid="cart-count"[^>]*><\/span>/)
  await hydrated
  await expect(page.getByTestId('cart-count')).toHaveText('2')
  expect(cartReads).toEqual([])
})

/** Opens the article and waits for hydration: the live listener mounts after the page's own effects have run. */
async function openArticle(page: Page) {
  const hydrated = page.waitForRequest((request) =>
    new URL(request.url()).pathname.startsWith('/api/live-events'),
  )
  await page.goto(ARTICLE)
  await hydrated
}

const addButton = (page: Page, product: string) =>
  page
    .getByTestId('inline-product-card')
    .filter({ hasText: product })
    .getByRole('button', { name: 'Add to cart' })

test('the header counts an add before the store answers, and takes it back when the store refuses it', async ({
  page,
}) => {
  let answer!: () => void
  const answered = new Promise<void>((resolve) => (answer = resolve))
  await page.route('**/api/cart', async (route) => {
    if (route.request().method() !== 'POST') return route.continue()
    await answered
    await route.fulfill({ status: 409, json: { error: 'Only 0 left.' } })
  })
  await openArticle(page)
  const badge = page.getByTestId('cart-count')
  await expect(badge).toHaveText('0')
  await addButton(page, 'Blackout Curtains').click()
  await expect(badge).toHaveText('1') // the store has not answered yet
  answer()
  await expect(
    page
      .getByTestId('inline-product-card')
      .filter({ hasText: 'Blackout Curtains' })
      .getByRole('alert'),
  ).toHaveText('Only 0 left.')
  await expect(badge).toHaveText('0')
  // The refusal leaves the tab's cart requests working.
  await page.unroute('**/api/cart')
  await addButton(page, 'Blackout Curtains').click()
  await expect(badge).toHaveText('1')
})

test('two quick adds both land in the cart, and the count stays right between their answers', async ({
  page,
}) => {
  // Each add's request is held until the test lets it through.
  const held: Array<() => void> = []
  let answered = 0
  await page.route('**/api/cart', async (route) => {
    if (route.request().method() === 'POST')
      await new Promise<void>((resolve) => held.push(resolve))
    await route.continue()
  })
  page.on('response', (response) => {
    if (response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/cart')
      answered++
  })
  await openArticle(page)
  const badge = page.getByTestId('cart-count')
  await addButton(page, 'Magnesium Glycinate').click()
  await addButton(page, 'Blackout Curtains').click()
  await expect(badge).toHaveText('2')
  await expect.poll(() => held.length).toBe(1) // the second add waits for the first one's answer (and its cookie)
  held[0]()
  await expect.poll(() => held.length).toBe(2)
  await expect(badge).toHaveText('2')
  held[1]()
  await expect.poll(() => answered).toBe(2)
  await expect(badge).toHaveText('2')
  await page.goto('/cart')
  await expect(page.getByTestId('cart-line')).toHaveCount(2)
})

test('a declined card shows an error and creates no order; cancelling returns to an intact cart', async ({
  page,
}) => {
  await page.goto('/products/magnesium-glycinate')
  await page.getByRole('button', { name: 'Add to cart' }).click()
  await expect(page.getByTestId('cart-count')).toHaveText('1')
  await page.goto('/cart')
  await page.getByRole('button', { name: 'Checkout' }).click()
  await expect(page).toHaveURL(/\/pay\/cs_test_/)
  const sessionId = new URL(page.url()).pathname.split('/').pop()!
  await fillPayment(page, '4000 0000 0000 0002')
  await expect(page.getByRole('alert')).toHaveText('Your card was declined.')
  expect(await dbQuery('select 1 from orders where session_id = $1', [sessionId])).toHaveLength(0)

  await page.getByRole('link', { name: '← Back to the store' }).click()
  await expect(page).toHaveURL('/cart?checkout=cancelled')
  await expect(page.getByTestId('cart-message')).toContainText('Checkout cancelled')
  await expect(page.getByTestId('cart-line')).toHaveCount(1)
})

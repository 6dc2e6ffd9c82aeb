import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { dbQuery } from './support/database'
import { emailsMatching } from './support/inbox'
import { lakeQuery } from './support/lake'

/** Customer accounts (issue 27): a guest's order claimed at sign-in, saved addresses, sessions, and deletion. */
const PILLOW = { productId: 'product-cooling-pillow', variantKey: 'standard' }
/** An address of its own per run: the codes one address may get in an hour are limited. */
const freshEmail = (label: string) =>
  `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`

async function expectNoViolations(page: Page, path: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze()
  expect(
    violations.map((v) => `${path}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target}`),
  ).toEqual([])
}

/** Puts a pillow in the cart and opens Checkout. */
async function toCheckout(page: Page) {
  expect((await page.request.post('/api/cart', { data: PILLOW })).status()).toBe(200)
  await page.goto('/cart')
  await page.getByRole('button', { name: 'Checkout' }).click()
  await expect(page).toHaveURL(/\/pay\/cs_test_/)
}

/** Pays on the local Stripe page, filling in what is not there yet; returns the session id. */
async function pay(page: Page, email?: string) {
  if (email) {
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Full name').fill('Sam Sleeper')
    await page.getByLabel('Address', { exact: true }).fill('12 Quiet Lane')
    await page.getByLabel('City').fill('Portland')
    await page.getByLabel('State / region').fill('OR')
    await page.getByLabel('Postal code').fill('97201')
  }
  await page.getByLabel('Card number').fill('4242 4242 4242 4242')
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 34')
  await page.getByLabel('CVC').fill('123')
  await page.getByRole('button', { name: /^Pay / }).click()
  await expect(page.getByRole('heading', { name: 'Your order is confirmed' })).toBeVisible({
    timeout: 15_000,
  })
  return new URL(page.url()).searchParams.get('session_id')!
}

/** Signs in on /sign-in with the code read from MailDev. */
async function signIn(page: Page, email: string) {
  const before = (await emailsMatching('Your Restwell sign-in code')).filter((m) =>
    m.to.some((t) => t.address === email),
  ).length
  await page.goto('/sign-in')
  await page.getByLabel('Email address').fill(email)
  await page.getByRole('button', { name: 'Email me a code' }).click()
  await expect(page.getByTestId('code-sent')).toBeVisible()
  let code = ''
  await expect
    .poll(
      async () => {
        const mails = (await emailsMatching('Your Restwell sign-in code')).filter((m) =>
          m.to.some((t) => t.address === email),
        )
        code = mails.length > before ? /(\d{6})/.exec(mails[mails.length - 1].subject)![1] : ''
        return code
      },
      { timeout: 15_000 },
    )
    .toMatch(/^\d{6}$/)
  await page.getByLabel('Code').fill(code)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/account$/)
}

test('a guest buys, signs in later, finds the order, buys again prefilled, and signs out everywhere', async ({
  page,
  browser,
}) => {
  const email = freshEmail('returning')
  await toCheckout(page)
  const first = await pay(page, email)
  const [{ order_number: firstNumber }] = await dbQuery<{ order_number: string }>(
    'select order_number from orders where session_id = $1',
    [first],
  )

  await page.goto('/sign-in')
  await expectNoViolations(page, '/sign-in')
  await signIn(page, email)
  await expect(page.getByTestId('account-email')).toContainText(email)
  await expect(page.getByTestId('account-order')).toHaveCount(1)
  await expect(page.getByTestId('account-order').first()).toContainText(firstNumber)

  // A junk address is refused field by field; a good one is saved as the default.
  await page.getByRole('button', { name: 'Add an address' }).click()
  const form = page.getByTestId('address-form')
  await form.getByLabel('Postal code').fill('!!')
  await form.getByRole('button', { name: 'Save address' }).click()
  await expect(form.getByRole('alert')).toHaveText('Check the highlighted fields.')
  await expect(form.getByLabel('Full name')).toHaveAttribute('aria-invalid', 'true')
  await form.getByLabel('Full name').fill('Sam Sleeper')
  await form.getByLabel('Address', { exact: true }).fill('7 Dream Street')
  await form.getByLabel('City').fill('Seattle')
  await form.getByLabel('State or province').fill('WA')
  await form.getByLabel('Postal code').fill('98101')
  await form.getByRole('button', { name: 'Save address' }).click()
  await expect(page.getByTestId('saved-address')).toHaveCount(1)
  await expect(page.getByTestId('saved-address')).toContainText('Default for checkout')
  await expectNoViolations(page, '/account')

  // The next checkout is prefilled from the account's Stripe Customer.
  await toCheckout(page)
  await expect(page.getByLabel('Email')).toHaveValue(email)
  await expect(page.getByLabel('Address', { exact: true })).toHaveValue('7 Dream Street')
  await expect(page.getByLabel('City')).toHaveValue('Seattle')
  const second = await pay(page)
  const [secondOrder] = await dbQuery<{ account_id: string | null }>(
    'select account_id from orders where session_id = $1',
    [second],
  )
  const [account] = await dbQuery<{ id: string }>('select id from auth_users where email = $1', [
    email,
  ])
  expect(secondOrder.account_id).toBe(account.id)
  await page.goto('/account')
  await expect(page.getByTestId('account-order')).toHaveCount(2)

  // A second browser signs in too; signing out everywhere from the first ends its session.
  const otherContext = await browser.newContext()
  const other = await otherContext.newPage()
  await signIn(other, email)
  await page.goto('/account')
  await expect(page.getByTestId('sessions').getByRole('listitem')).toHaveCount(2)
  await page.getByRole('button', { name: 'Sign out everywhere' }).click()
  await expect(page).toHaveURL(/\/sign-in$/)
  await other.goto('/account')
  await expect(other).toHaveURL(/\/sign-in$/)
  expect(await dbQuery('select id from auth_sessions where user_id = $1', [account.id])).toEqual([])
  await otherContext.close()
})

test('a deleted account leaves its orders with amounts but no buyer, and the email starts afresh', async ({
  page,
}) => {
  const email = freshEmail('leaving')
  await toCheckout(page)
  const sessionId = await pay(page, email)
  const orderId = `order-${sessionId}`
  const [before] = await dbQuery<{ amount_total: number }>(
    'select amount_total from orders where id = $1',
    [orderId],
  )
  await signIn(page, email)
  await expect(page.getByTestId('account-order')).toHaveCount(1)
  await expect
    .poll(
      () => lakeQuery<boolean | null>('*[_id == $id][0].hasAccount', { id: `orders.${orderId}` }),
      { timeout: 15_000 },
    )
    .toBe(true)

  await page.getByRole('button', { name: 'Delete my account' }).click()
  await page.getByRole('button', { name: 'Yes, delete my account' }).click()
  await expect(page).toHaveURL(/\/$/)

  // In PostgreSQL: the amounts stay, the buyer goes (after the confirmation email, if it was still due).
  await expect
    .poll(
      async () =>
        (
          await dbQuery<{
            email: string | null
            shipping_address: unknown
            account_id: string | null
            amount_total: number
          }>('select email, shipping_address, account_id, amount_total from orders where id = $1', [
            orderId,
          ])
        )[0],
      { timeout: 60_000 },
    )
    .toEqual({
      email: null,
      shipping_address: null,
      account_id: null,
      amount_total: before.amount_total,
    })
  expect(
    (await dbQuery('select count(*)::int as n from order_lines where order_id = $1', [orderId]))[0],
  ).toEqual({ n: 1 })
  // And in the Studio's mirror.
  await expect
    .poll(
      () =>
        lakeQuery(
          '*[_id == $id][0]{ email, shippingAddress, hasAccount, amountTotal, "lines": count(lines) }',
          {
            id: `orders.${orderId}`,
          },
        ),
      { timeout: 30_000 },
    )
    .toEqual({
      email: null,
      shippingAddress: null,
      hasAccount: false,
      amountTotal: before.amount_total,
      lines: 1,
    })

  // Signing in again with the same email starts a new, empty account.
  await signIn(page, email)
  await expect(page.getByText('No orders yet.')).toBeVisible()
  await expect(page.getByTestId('saved-address')).toHaveCount(0)
})

import { expect, test, type Page } from '@playwright/test'
import { payOnHostedPage } from '../services/stripe-local/test/harness'
import { lakeMutate, lakeQuery } from './support/lake'
import { openStudioLink } from './support/studio'

// The Studio is heavy and these flows take several steps: give them room.
test.describe.configure({ timeout: 120_000 })

const SEED_ID = 'article-magnesium-restless-legs'
const SEED_TITLE = 'Is Magnesium Good For Restless Legs?'
const SEED_PATH = '/articles/is-magnesium-good-for-restless-legs'

test.beforeEach(async ({ page }) => openStudioLink(page))

async function openDocument(page: Page, type: string, id: string) {
  await page.goto(`/studio/structure/${type};${id}`)
  const title = page.getByTestId('field-title').getByRole('textbox')
  await expect(title).toBeEditable({ timeout: 60_000 })
  return title
}

/** Starts a new document of `type` and waits until `field` takes typing. */
async function newDocument(page: Page, type: string, field: string) {
  await page.goto(`/studio/structure/${type}`)
  await page.getByTestId('action-intent-button').click({ timeout: 60_000 })
  const input = page.getByTestId(`field-${field}`).getByRole('textbox')
  await expect(input).toBeEditable({ timeout: 30_000 })
  return input
}

async function publish(page: Page) {
  const button = page.getByTestId('action-publish')
  // The button waits for pending saves and validation before it accepts a click, and a click it
  // took disables it while the Studio publishes: click again only while it is still enabled.
  await expect(async () => {
    if (await button.isEnabled()) await button.click()
    await expect(page.getByText('was published')).toBeVisible({ timeout: 5_000 })
  }).toPass({ timeout: 30_000 })
}

test('the Studio opens from the link the server prints, and publishing an edit updates the site within 5 s', async ({
  page,
  browser,
}) => {
  // Without the link, this machine's browsers (and every other account's programs) get the way in, not the Studio.
  const stranger = await browser.newPage()
  const refused = await stranger.goto('/studio')
  expect(refused?.status()).toBe(401)
  await expect(stranger.getByText('Open the Studio link')).toBeVisible()
  await stranger.close()

  await page.goto('/studio')
  await expect(
    page.getByText('Local editor').or(page.getByTestId('pane-item-Articles')),
  ).toBeVisible({ timeout: 60_000 })
  await expect(page.getByRole('button', { name: /log in|sign in/i })).toHaveCount(0)

  const title = await openDocument(page, 'article', SEED_ID)
  await expect(title).toHaveValue(SEED_TITLE)
  const edited = `${SEED_TITLE} (reviewed)`
  try {
    await title.fill(edited)
    await publish(page)
    const started = Date.now()
    await expect
      .poll(async () => (await (await page.request.get(SEED_PATH)).text()).includes('(reviewed)'), {
        timeout: 5_000,
        intervals: [250],
      })
      .toBe(true)
    console.log(`site updated ${Date.now() - started} ms after the publish toast`)
  } finally {
    await lakeMutate([{ patch: { id: SEED_ID, set: { title: SEED_TITLE } } }])
  }
})

test('an editor creates an article with an uploaded image and an inline product card, and publishes it', async ({
  page,
}) => {
  const title = await newDocument(page, 'article', 'title')
  await title.fill('Sleeping Better in a Heatwave')
  await page.getByTestId('field-slug').getByRole('button', { name: 'Generate' }).click()
  await page
    .getByTestId('field-excerpt')
    .getByRole('textbox')
    .fill('Simple ways to stay cool at night when the weather turns hot.')
  await page.getByPlaceholder('Type to search').first().fill('Nora')
  await page.getByTestId('autocomplete-popover').getByRole('button').first().click()
  await page.getByTestId('field-publishedAt').getByRole('textbox').fill('2026-11-20 09:00')
  await page
    .locator('input[type=file]')
    .first()
    .setInputFiles('sanity/seed/images/hero-sleep-hot.svg')
  await page
    .getByTestId('field-heroImage.alt')
    .getByRole('textbox')
    .fill('A bed under a cool night sky', { timeout: 30_000 })
  const editor = page.getByTestId('pt-editor').locator('[contenteditable="true"]').first()
  await editor.click()
  await page.keyboard.type('Keep the bedroom cool and dark, and rest comes easier.')
  await page.keyboard.press('End')
  await page.getByRole('button', { name: 'Insert Product card (block)' }).click()
  await page.getByRole('dialog').getByPlaceholder('Type to search').fill('Magnesium')
  await page.getByTestId('autocomplete-popover').getByRole('button').first().click()
  await page.keyboard.press('Escape')
  await publish(page)

  await expect
    .poll(
      async () =>
        (await (await page.request.get('/articles')).text()).includes(
          'Sleeping Better in a Heatwave',
        ),
      { timeout: 10_000 },
    )
    .toBe(true)
  await page.goto('/articles/sleeping-better-in-a-heatwave')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sleeping Better in a Heatwave')
  await expect(page.getByTestId('inline-product-card')).toContainText(
    'Magnesium Glycinate Capsules',
  )
  const hero = page.getByRole('img', { name: 'A bed under a cool night sky' })
  await expect(hero).toHaveAttribute(
    'src',
    /\/images\/local\/production\/[a-f0-9]{40}-1600x900\.svg/,
  )
  await expect
    .poll(() => hero.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true)
})

test('an unpublished edit shows only in draft mode', async ({ page }) => {
  const path = '/articles/a-wind-down-routine-that-actually-sticks'
  await openDocument(page, 'article', 'article-wind-down-routine-that-sticks')
  await page
    .getByTestId('field-excerpt')
    .getByRole('textbox')
    .fill('A draft-only excerpt nobody should see yet.')
  await expect
    .poll(() => lakeQuery('*[_id == "drafts.article-wind-down-routine-that-sticks"][0].excerpt'), {
      timeout: 15_000,
    })
    .toBe('A draft-only excerpt nobody should see yet.')

  await page.goto(path)
  await expect(page.getByText('A draft-only excerpt')).toHaveCount(0)
  // A preview link carries a secret the Studio wrote to the lake within the hour (as the Presentation tool does).
  const secret = `e2e-${crypto.randomUUID()}`
  await lakeMutate([
    {
      createOrReplace: {
        _id: `drafts.${secret}`,
        _type: 'sanity.previewUrlSecret',
        secret,
        studioUrl: 'http://localhost:3100/studio',
      },
    },
  ])
  const enable = (value: string) =>
    `/api/draft-mode/enable?sanity-preview-secret=${value}&sanity-preview-pathname=${path}`
  const wrong = await page.request.get(enable('wrong'), { maxRedirects: 0 })
  expect(wrong.status()).toBe(401)
  expect(await wrong.json()).toHaveProperty('error')
  expect(
    (
      await page.request.get(`/api/draft-mode/enable?sanity-preview-pathname=${path}`, {
        maxRedirects: 0,
      })
    ).status(),
  ).toBe(401)

  await page.goto(enable(secret))
  await expect(page).toHaveURL(path)
  await expect(page.getByTestId('draft-banner')).toBeVisible()
  await expect(page.getByText('A draft-only excerpt nobody should see yet.')).toBeVisible()
  await page.getByRole('link', { name: 'Exit preview' }).click()
  await page.goto(path)
  await expect(page.getByTestId('draft-banner')).toHaveCount(0)
  await expect(page.getByText('A draft-only excerpt')).toHaveCount(0)
})

test('the revalidate webhook refuses a bad or missing signature', async ({ request }) => {
  const body = JSON.stringify({ _id: SEED_ID, _type: 'article' })
  const bad = await request.post('/api/revalidate', {
    data: body,
    headers: { 'content-type': 'application/json', 'sanity-webhook-signature': 't=1,v1=forged' },
  })
  expect(bad.status()).toBe(401)
  expect(await bad.json()).toHaveProperty('error')
  const missing = await request.post('/api/revalidate', {
    data: body,
    headers: { 'content-type': 'application/json' },
  })
  expect(missing.status()).toBe(401)
})

test('orders show in the Studio, newest first, with revenue by article', async ({
  page,
  request,
}) => {
  // A purchase through the API and the local Stripe page, as a buyer's browser would make it.
  expect(
    (
      await request.post('/api/cart', {
        data: {
          productId: 'product-magnesium-glycinate',
          variantKey: '120-caps',
          sourceArticle: SEED_ID,
        },
      })
    ).status(),
  ).toBe(200)
  const { url, sessionId } = await (await request.post('/api/checkout')).json()
  expect((await payOnHostedPage(url)).status).toBe(303)
  // The order reaches the Studio through its mirror in the lake (written by the outbox).
  await expect
    .poll(() => lakeQuery('*[_id == $id][0].orderNumber', { id: `orders.order-${sessionId}` }), {
      timeout: 10_000,
    })
    .toMatch(/^RW-/)
  const orderNumber = await lakeQuery<string>('*[_id == $id][0].orderNumber', {
    id: `orders.order-${sessionId}`,
  })

  await page.goto('/studio/structure/orders')
  await expect(page.getByText(new RegExp(`${orderNumber} · \\$`)).first()).toBeVisible({
    timeout: 60_000,
  })
  await page.goto('/studio/structure/revenue')
  const table = page.getByTestId('revenue-table')
  await expect(table).toBeVisible({ timeout: 60_000 })
  await expect(
    table.getByRole('row', { name: new RegExp(SEED_TITLE.replace('?', '\\?')) }),
  ).toContainText('$')
})

test('an editor creates a promotion code and changes the free-shipping threshold, and the cart follows both', async ({
  page,
}) => {
  const code = await newDocument(page, 'promotion', 'code')
  await code.fill('STUDIO15')
  const percent = page.getByTestId('field-percentOff').getByRole('spinbutton')
  await percent.fill('-5') // the Studio refuses a negative discount, as the store does
  await expect(page.getByTestId('action-publish')).toBeDisabled({ timeout: 15_000 })
  await percent.fill('15')
  await publish(page)

  await page.goto('/studio/structure/settings')
  await page.getByText('Standard', { exact: true }).first().click({ timeout: 60_000 })
  const freeFrom = page.locator('[data-testid$="freeFromCents"]').getByRole('spinbutton')
  await freeFrom.fill('3000')
  await page.keyboard.press('Escape')
  await publish(page)

  try {
    // A $24 cart with STUDIO15: $20.40 of goods, under $30, so Standard is not free yet…
    const add = await page.request.post('/api/cart', {
      data: { productId: 'product-magnesium-glycinate', variantKey: '60-caps' },
    })
    expect(add.ok()).toBe(true)
    const applied = await page.request.post('/api/cart/promotion', { data: { code: 'studio15' } })
    expect(applied.status()).toBe(200)
    const cart = (await applied.json()).cart
    expect(cart).toMatchObject({ discount: 360, goodsTotal: 2040 })
    expect(cart.shipping[0]).toMatchObject({ title: 'Standard', freeFromCents: 3000, amount: 595 })
    await page.goto('/cart')
    await expect(page.getByTestId('free-shipping-hint')).toHaveText(
      'Standard shipping is free from $30.00: add $9.60 more.',
    )
  } finally {
    await lakeMutate([
      {
        patch: {
          id: 'storeSettings',
          set: { 'shippingRates[_key=="standard"].freeFromCents': 7500 },
        },
      },
      { delete: { id: 'drafts.storeSettings' } },
    ])
    await page.request.delete('/api/cart')
  }
})

test('an editor restocks a variant in the Stock view, and the product page shows it at once', async ({
  page,
}) => {
  const productId = 'product-silk-sleep-mask'
  const variantKey = await lakeQuery<string>('*[_id == $id][0].variants[0]._key', { id: productId })
  // Set up through the same route the view uses: a count of 2, so the page says "Only 2 left".
  const counted = await page.request.post('/api/studio/stock', {
    data: {
      requestId: crypto.randomUUID(),
      productId,
      variantKey,
      kind: 'correction',
      onHand: 2,
      note: 'e2e count',
    },
  })
  expect(counted.status()).toBe(200)
  expect(
    (
      await page.request.post('/api/studio/stock', {
        data: { productId },
        headers: { 'sec-fetch-site': 'cross-site' },
      })
    ).status(),
  ).toBe(403)
  await page.goto('/products/silk-sleep-mask')
  await expect(page.getByText('Only 2 left').first()).toBeVisible()

  await page.goto(`/studio/intent/edit/id=${productId};type=product/`)
  await page.getByRole('tab', { name: 'Stock' }).click({ timeout: 60_000 })
  const row = page.getByTestId(`stock-row-${variantKey}`)
  await expect(row.getByTestId('stock-onHand')).toHaveText('2', { timeout: 30_000 })
  await expect(row.getByTestId('stock-available')).toHaveText('2')
  const form = page.getByTestId('stock-form')
  await form.getByLabel('Variant').selectOption(variantKey)
  await form.getByLabel('Units received').fill('3')
  await form.getByLabel('Note (optional)').fill('delivery from the e2e supplier')
  await form.getByRole('button', { name: 'Record' }).click()
  await expect(form.getByRole('status')).toHaveText('Recorded: on hand 2 → 5.')
  await expect(row.getByTestId('stock-available')).toHaveText('5')
  await expect(page.getByTestId('stock-history').getByRole('row').nth(1)).toContainText(
    'Local editor',
  )

  await page.goto('/products/silk-sleep-mask')
  await expect(page.getByText('Only 5 left').first()).toBeVisible()
})

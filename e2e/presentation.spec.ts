import { expect, test, type Response } from '@playwright/test'
import { lakeMutate, lakeQuery } from './support/lake'
import { openStudioLink } from './support/studio'

// The Studio is heavy: give it room to load.
test.describe.configure({ timeout: 120_000 })
test.beforeEach(async ({ page }) => openStudioLink(page))

const SEED_ID = 'article-magnesium-restless-legs'
const SEED_TITLE = 'Is Magnesium Good For Restless Legs?'
const SEED_PATH = '/articles/is-magnesium-good-for-restless-legs'

test('the Presentation tool shows the seed article, opens its title field on a click, and previews a draft title within 1 s', async ({
  page,
  request,
}) => {
  // Every failed request (a lake endpoint the tool needs and the lake lacks shows here) and every
  // console error, except what the local Studio does everywhere by design: it has no presence
  // socket, and its CSP keeps it from calling Sanity's servers (version check, feedback tunnel).
  const offline =
    /\/socket\/production|violates the following Content Security Policy directive: "connect-src|Refused to connect because it violates the document's Content Security Policy|Failed to fetch version for package/
  const failures: string[] = []
  page.on('response', (res: Response) => {
    if (res.status() >= 400) failures.push(`${res.status()} ${res.request().method()} ${res.url()}`)
  })
  page.on('console', (message) => {
    if (message.type() === 'error' && !offline.test(message.text()))
      failures.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`))

  await page.goto(`/studio/presentation?preview=${encodeURIComponent(SEED_PATH)}`)
  const frame = page.frameLocator('iframe')
  const heading = frame.getByRole('heading', { level: 1 })
  await expect(heading).toHaveText(SEED_TITLE, { timeout: 60_000 })
  // The Studio shows the preview's state itself: the site's own draft banner stays out of the frame.
  await expect(frame.getByTestId('draft-banner')).toHaveCount(0)

  // The overlay on the title opens the article beside the frame, with the title field focused.
  await heading.click()
  const title = page.getByTestId('field-title').getByRole('textbox')
  await expect(title).toBeFocused({ timeout: 30_000 })
  await expect(title).toHaveValue(SEED_TITLE)

  const draft = `${SEED_TITLE} (draft ${Date.now()})`
  try {
    await title.fill(draft)
    const started = Date.now()
    await expect(heading).toHaveText(draft, { timeout: 5_000 })
    const shown = Date.now() - started
    console.log(`draft title in the frame ${shown} ms after typing`)
    expect.soft(shown, 'the 1 s target').toBeLessThan(1_000)

    // Readers still get the published title: the draft lives only in the lake's drafts.
    expect(await lakeQuery('*[_id == $id][0].title', { id: `drafts.${SEED_ID}` })).toBe(draft)
    const publicPage = await (await request.get(SEED_PATH)).text()
    expect(publicPage).toContain(SEED_TITLE.replace("'", '&#x27;'))
    expect(publicPage).not.toContain('(draft ')
  } finally {
    await lakeMutate([{ delete: { id: `drafts.${SEED_ID}` } }])
  }
  expect(failures).toEqual([])
})

test('the perspective switcher shows the frame what readers see, and drafts again', async ({
  page,
}) => {
  const draft = `${SEED_TITLE} (switcher ${Date.now()})`
  await lakeMutate([
    {
      createOrReplace: {
        ...(await lakeQuery<object>('*[_id == $id][0]', { id: SEED_ID })),
        _id: `drafts.${SEED_ID}`,
        title: draft,
      },
    },
  ])
  try {
    await page.goto(`/studio/presentation?preview=${encodeURIComponent(SEED_PATH)}`)
    const heading = page.frameLocator('iframe').getByRole('heading', { level: 1 })
    await expect(heading).toHaveText(draft, { timeout: 60_000 })

    // next-sanity's server action keeps the choice in a cookie, and the site's draft reads follow it.
    await page.getByTestId('global-perspective-menu-button').click()
    await page.getByTestId('release-menu').getByText('Published', { exact: true }).click()
    await expect(heading).toHaveText(SEED_TITLE, { timeout: 10_000 })
    await page.getByTestId('global-perspective-menu-button').click()
    await page.getByTestId('release-menu').getByText('Drafts', { exact: true }).click()
    await expect(heading).toHaveText(draft, { timeout: 10_000 })
  } finally {
    await lakeMutate([{ delete: { id: `drafts.${SEED_ID}` } }])
  }
})

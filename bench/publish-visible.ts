import { chromium } from '@playwright/test'
import { percentile, publishToVisible } from '../e2e/support/publish-visible'
import { findChromium } from '../scripts/browser'
import { SITE, lakeClient, type Secrets } from './stack'

export type PublishFigures = { samples: number[]; p50: number; p95: number }

/**
 * Publish → visible (DESIGN.md §6): the article open in the local Chromium, a title published
 * through @sanity/client `runs` times, each timed until the open page shows it (the same
 * measurement as e2e/live.spec.ts). The title is put back afterwards.
 */
export async function publishVisible(
  secrets: Secrets,
  dataset: string,
  article: { id: string; path: string },
  runs = 20,
): Promise<PublishFigures> {
  const found = findChromium()
  const browser = await chromium.launch({ executablePath: found.path, args: found.args, env: found.env as Record<string, string> })
  const client = lakeClient(secrets, dataset)
  const original = await client.fetch<string>('*[_id == $id][0].title', { id: article.id })
  try {
    const page = await browser.newPage()
    const stream = page.waitForResponse((res) => res.url().includes('/api/live-events/') && res.status() === 200)
    await page.goto(`${SITE}${article.path}`)
    await stream
    const samples = await publishToVisible(page, {
      selector: 'main h1',
      runs,
      publish: async (title) => void (await client.patch(article.id).set({ title }).commit()),
    })
    return { samples, p50: percentile(samples, 50), p95: percentile(samples, 95) }
  } finally {
    await client.patch(article.id).set({ title: original }).commit()
    await browser.close()
  }
}

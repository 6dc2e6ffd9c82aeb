import { chromium, errors } from '@playwright/test'
import { percentile, publishToVisible } from '../e2e/support/publish-visible'
import { findChromium } from '../scripts/browser'
import { SITE, lakeClient, type Secrets } from './stack'

/** `samples` has the publishes that showed; `missed` counts those that never did; `onLoad` is the first's time, or null if missed. */
export type PublishFigures = {
  samples: number[]
  missed: number
  onLoad: number | null
  p50: number
  p95: number
}

/** A publish is missed if the open page does not show it within this long, without a reload. */
const MISSED_AFTER_MS = 10_000

/**
 * Publish → visible (docs/design.md §6): the article open in the local Chromium, a title published
 * through @sanity/client `runs` times, each timed until the open page shows it (the same
 * measurement as e2e/live.spec.ts). The first publish goes out as soon as the page has loaded,
 * before its live stream is open: the race that once lost a publish for good (issue 25). The
 * title is put back afterwards.
 */
export async function publishVisible(
  secrets: Secrets,
  dataset: string,
  article: { id: string; path: string },
  runs = 20,
): Promise<PublishFigures> {
  const found = findChromium()
  const browser = await chromium.launch({
    executablePath: found.path,
    args: found.args,
    env: found.env as Record<string, string>,
  })
  const client = lakeClient(secrets, dataset)
  const original = await client.fetch<string>('*[_id == $id][0].title', { id: article.id })
  try {
    const page = await browser.newPage()
    await page.goto(`${SITE}${article.path}`)
    const samples: number[] = []
    let missed = 0
    let onLoad: number | null = null
    for (let run = 0; run < runs; run++) {
      try {
        const [ms] = await publishToVisible(page, {
          selector: 'main h1',
          runs: 1,
          timeoutMs: MISSED_AFTER_MS,
          publish: async (title) => void (await client.patch(article.id).set({ title }).commit()),
        })
        samples.push(ms)
        if (run === 0) onLoad = ms
      } catch (error) {
        if (!(error instanceof errors.TimeoutError)) throw error
        missed++
      }
    }
    return { samples, missed, onLoad, p50: percentile(samples, 50), p95: percentile(samples, 95) }
  } finally {
    await client.patch(article.id).set({ title: original }).commit()
    await browser.close()
  }
}

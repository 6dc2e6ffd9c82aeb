import type { Page } from '@playwright/test'

/** p-th percentile (nearest rank) of the samples. */
export function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

/**
 * Publish → visible on a page that is already open: for each run, publishes a new title with
 * `publish` and times, on the machine's one clock (the browser's and the test's), from just
 * before the publish is sent until the page's `selector` shows it, checked in the page on every
 * animation frame (about 16 ms). The page is never reloaded. Returns the milliseconds of each run.
 */
export async function publishToVisible(
  page: Page,
  {
    selector,
    runs,
    publish,
    timeoutMs = 10_000,
  }: {
    selector: string
    runs: number
    publish: (title: string) => Promise<void>
    timeoutMs?: number
  },
) {
  const samples: number[] = []
  for (let run = 0; run < runs; run++) {
    const title = `Live title ${run + 1} · ${Date.now()}`
    const shown = page.waitForFunction(
      ({ selector, title }) =>
        document.querySelector(selector)?.textContent?.trim() === title && Date.now(),
      { selector, title },
      { polling: 'raf', timeout: timeoutMs },
    )
    const started = Date.now()
    await publish(title)
    samples.push(((await (await shown).jsonValue()) as number) - started)
  }
  return samples
}

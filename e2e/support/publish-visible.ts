import type { Page } from '@playwright/test'

/** p-th percentile (nearest rank) of the samples. */
export function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

/**
 * Publish → visible on a page that is already open: for each run, publishes a new title with
 * `publish` and times, on the machine's one clock, from just before the publish is sent until
 * the page's `selector` shows it (a MutationObserver in the page, so no polling interval adds to
 * the figure). The page is never reloaded. Returns the milliseconds of each run.
 */
export async function publishToVisible(
  page: Page,
  {
    selector,
    runs,
    publish,
    timeoutMs = 10_000,
  }: { selector: string; runs: number; publish: (title: string) => Promise<void>; timeoutMs?: number },
) {
  const samples: number[] = []
  for (let run = 0; run < runs; run++) {
    const title = `Live title ${run + 1} · ${Date.now()}`
    const shown = page.evaluate(
      ({ selector, title, timeoutMs }) =>
        new Promise<number>((resolve, reject) => {
          const check = () => {
            if (document.querySelector(selector)?.textContent?.trim() !== title) return
            observer.disconnect()
            resolve(Date.now())
          }
          const observer = new MutationObserver(check)
          observer.observe(document.body, { subtree: true, childList: true, characterData: true })
          setTimeout(() => reject(new Error(`"${title}" did not show within ${timeoutMs} ms`)), timeoutMs)
          check()
        }),
      { selector, title, timeoutMs },
    )
    const started = Date.now()
    await publish(title)
    samples.push((await shown) - started)
  }
  return samples
}

import { mkdirSync, writeFileSync } from 'node:fs'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { findChromium } from '../scripts/browser'
import { onCleanup } from './cleanup'

/**
 * Lighthouse with its default config (the mobile preset: emulated phone, simulated slow 4G and
 * 4× CPU slowdown) in the local Chromium. The pages take turns, round after round, so a change
 * in the shared machine's load falls on all of them alike; each category reports its median.
 */
export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const
type Category = (typeof CATEGORIES)[number]
const METRICS = [
  'largest-contentful-paint',
  'total-blocking-time',
  'first-contentful-paint',
  'speed-index',
  'cumulative-layout-shift',
] as const

export type LighthouseFigures = {
  url: string
  /** Median score per category, 0–100. */
  median: Record<Category, number>
  scores: Array<Record<Category, number>>
  metrics: Array<Record<(typeof METRICS)[number], number>>
  /** Lighthouse's own CPU benchmark per run: low means a slow (or busy) machine. */
  benchmarkIndex: number[]
  /** Runs that Lighthouse could not finish (e.g. NO_NAVSTART under load), retried. */
  errors: string[]
  /** Per run, where the time went (see timeSpent). */
  spent: TimeSpent[]
  /** Audits that cost points in some run: id → in how many runs, with its title and finding. */
  failing: Record<
    string,
    { category: Category; runs: number; title: string; displayValue?: string }
  >
}

/**
 * Where a run's time went, approximately: blocking time (each long task's time over 50 ms after
 * first paint) by what Lighthouse blames for the task: a script, the page's own HTML (parsing,
 * inline scripts, style and layout) or nothing it could attribute. TBT itself also stops at
 * time-to-interactive, so the sum can exceed it; the report prints TBT beside it. And the LCP
 * element with its phases (Lighthouse 12's largest-contentful-paint-element audit).
 */
type TimeSpent = {
  report: string
  tbt: number
  blocking: Record<string, number>
  scripts: number
  lcp: string
}
/** Every long task is in the audit's debugData; its table keeps only the 20 longest. */
type LongTasks = {
  debugData?: {
    urls: string[]
    tasks: Array<{ urlIndex: number; startTime: number; duration: number }>
  }
}
type Table<T> = { items?: T[] }
type Audits = Record<string, { numericValue?: number; details?: unknown }>

function timeSpent(lhr: { audits: Audits; finalDisplayedUrl: string }, report: string): TimeSpent {
  const fcp = lhr.audits['first-contentful-paint']?.numericValue ?? 0
  const { urls = [], tasks = [] } =
    (lhr.audits['long-tasks']?.details as LongTasks | undefined)?.debugData ?? {}
  const blocking: Record<string, number> = {}
  let scripts = 0
  for (const task of tasks) {
    const over = Math.min(task.duration, task.startTime + task.duration - fcp) - 50
    if (over <= 0) continue
    const url = urls[task.urlIndex] ?? 'Unattributable'
    // A task blamed on a URL other than the page's own is a script's.
    const isScript = url !== lhr.finalDisplayedUrl && URL.canParse(url)
    const source =
      url === lhr.finalDisplayedUrl
        ? 'page HTML'
        : isScript
          ? new URL(url).pathname.split('/').pop() || url
          : url
    blocking[source] = (blocking[source] ?? 0) + over
    if (isScript) scripts += over
  }
  const [element, phases] =
    (
      lhr.audits['largest-contentful-paint-element']?.details as
        Table<Table<Record<string, unknown>>> | undefined
    )?.items ?? []
  const node = element?.items?.[0]?.node as { selector?: string } | undefined
  const timings = (phases?.items ?? []).map(
    (p) => `${String(p.phase).toLowerCase()} ${Math.round(Number(p.timing))} ms`,
  )
  return {
    report,
    tbt: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
    blocking,
    scripts,
    lcp: `${node?.selector?.split(' > ').pop() ?? 'element not reported'}${timings.length ? ` (${timings.join(', ')})` : ''}`,
  }
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

async function audit(port: number, url: string, into: LighthouseFigures, report: string) {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...CATEGORIES],
  })
  const lhr = result?.lhr
  if (!lhr || lhr.runtimeError) {
    into.errors.push(lhr?.runtimeError?.code ?? 'no result')
    return false
  }
  // The whole report (diagnostics such as bootup-time or largest-contentful-paint-element) for finding where the time goes.
  writeFileSync(report, typeof result.report === 'string' ? result.report : JSON.stringify(lhr))
  const scores = {} as Record<Category, number>
  for (const category of CATEGORIES) {
    scores[category] = Math.round((lhr.categories[category]?.score ?? 0) * 100)
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const a = lhr.audits[ref.id]
      // Only weighted audits move the score.
      if (ref.weight === 0 || a?.score === null || a?.score === undefined || a.score >= 1) continue
      ;(into.failing[ref.id] ??= {
        category,
        runs: 0,
        title: a.title,
        displayValue: a.displayValue,
      }).runs++
    }
  }
  into.scores.push(scores)
  into.metrics.push(
    Object.fromEntries(
      METRICS.map((id) => [id, lhr.audits[id]?.numericValue ?? NaN]),
    ) as LighthouseFigures['metrics'][number],
  )
  into.benchmarkIndex.push(lhr.environment.benchmarkIndex)
  into.spent.push(timeSpent(lhr, report))
  return true
}

/** `reports` is a directory that receives each run's Lighthouse report as `<page>-<round>.json`. */
export async function runLighthouse(
  pages: Record<string, string>,
  runs: number,
  log: (line: string) => void,
  reports: string,
) {
  mkdirSync(reports, { recursive: true })
  const figures: Record<string, LighthouseFigures> = {}
  for (const [name, url] of Object.entries(pages))
    figures[name] = {
      url,
      median: {} as Record<Category, number>,
      scores: [],
      metrics: [],
      benchmarkIndex: [],
      errors: [],
      failing: {},
      spent: [],
    }
  const chromium = findChromium()
  log(`lighthouse in ${chromium.path} (${chromium.source})`)
  // chrome-launcher starts a windowed browser unless told otherwise (the npm build is headless only).
  const chrome = await chromeLauncher.launch({
    chromePath: chromium.path,
    chromeFlags: ['--headless=new', ...chromium.args],
    envVars: chromium.env,
    handleSIGINT: false,
  })
  const forget = onCleanup(() => void chrome.kill())
  try {
    for (let round = 1; round <= runs; round++) {
      for (const [name, f] of Object.entries(figures)) {
        // A run Lighthouse cannot finish is retried (twice at most), not counted as a score.
        for (
          let attempt = 0;
          attempt < 3 && !(await audit(chrome.port, f.url, f, `${reports}/${name}-${round}.json`));
          attempt++
        );
        const last = f.scores.at(-1)
        log(
          `lighthouse ${name} run ${round}/${runs}: ${last ? CATEGORIES.map((c) => `${c} ${last[c]}`).join(', ') : 'failed'}`,
        )
      }
    }
  } finally {
    forget()
    chrome.kill()
  }
  for (const f of Object.values(figures)) {
    if (f.scores.length === 0)
      throw new Error(`lighthouse could not audit ${f.url}: ${f.errors.join(', ')}`)
    for (const c of CATEGORIES) f.median[c] = median(f.scores.map((s) => s[c]))
  }
  return figures
}

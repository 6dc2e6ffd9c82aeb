import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { resolve } from 'node:path'
import { MAGNESIUM_ARTICLE } from '../sanity/seed/facts'
import { ensureLocalEnv } from '../scripts/local-env'
import { checkoutLatency, type CheckoutFigures } from './checkout'
import { cleanupAll } from './cleanup'
import { firstLoadJs, jsDifference, type FirstLoad } from './first-load'
import { generateDataset, inventoryFileFor } from './generate'
import { runLighthouse, type LighthouseFigures } from './lighthouse'
import { MB, ms, perSec, ratio, s, table, type Row, type ScaleRow } from './report'
import { publishVisible } from './publish-visible'
import { checkoutRows, jsRow, lighthouseBaselineRow, lighthouseRows, publishVisibleRow, throughputRow } from './rows'
import {
  DATA,
  SITE,
  appEnv,
  buildApp,
  startDatabase,
  startLake,
  startSite,
  startStripe,
  type BuildFigures,
  type DatasetSpec,
  type Secrets,
} from './stack'
import { compareThroughput } from './throughput'

/**
 * `npm run bench`: builds the store, serves it with fresh local services on ports of its own and
 * prints each figure beside its target (DESIGN.md §6), as ratios taken in the same run because
 * the machine is shared. Then the same with a large generated dataset, for growth. Exits
 * non-zero only if the bench itself fails; a missed target shows as ✗.
 */
const ARTICLE = `/articles/${MAGNESIUM_ARTICLE.slug}`
const PRODUCT = '/products/magnesium-glycinate'
const BARE = '/bench-bare'
const STATIC = '/icon.svg'
const LIGHTHOUSE_RUNS = 3
/**
 * BENCH_ROWS=pages measures only the page rows (Lighthouse and first-load JS) on the seed
 * dataset: a few minutes instead of the whole bench, for iterating on the front end.
 * BENCH_ROWS=live measures only publish → visible.
 */
const PAGES_ONLY = process.env.BENCH_ROWS === 'pages'
const LIVE_ONLY = process.env.BENCH_ROWS === 'live'
if (process.env.BENCH_ROWS !== undefined && !PAGES_ONLY && !LIVE_ONLY)
  throw new Error(`BENCH_ROWS=${process.env.BENCH_ROWS}: only "pages" and "live" are known`)
const STEPS = PAGES_ONLY ? 3 : LIVE_ONLY ? 2 : 10

let step = 0
const progress = (what: string) => console.log(`[bench] ${++step}/${STEPS} ${what}…`)

function datasetSpec(name: string, seedFile: string, inventoryFile: string): DatasetSpec {
  const articles = readFileSync(seedFile, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"_type":"article"')).length
  return { name, seedFile, inventoryFile, articles }
}

type PhaseFigures = { build: BuildFigures; article: number; static: number }

/** Services with `spec`, build, server; `measure` runs against it, then everything stops again. */
async function phase<T>(secrets: Secrets, spec: DatasetSpec, label: string, measure: () => Promise<T>) {
  const stopStripe = await startStripe(secrets, label)
  const stopLake = await startLake(secrets, spec)
  const database = await startDatabase(secrets, spec, label)
  const env = appEnv(spec.name, database.url)
  progress(`next build (${label} dataset: ${spec.articles} articles)`)
  const build = await buildApp(env, label)
  console.log(`[bench]   ${s(build.seconds)}, peak RSS ${MB(build.peakRssBytes)}, ${build.staticPages ?? '?'} static pages`)
  const stopSite = await startSite(env)
  try {
    return { build, result: await measure() }
  } finally {
    await stopSite()
    await database.stop()
    await stopLake()
    await stopStripe()
  }
}

async function publishToOpenPage(secrets: Secrets) {
  progress('publish → visible on an open article page, 20 publishes')
  const publish = await publishVisible(secrets, 'production', { id: MAGNESIUM_ARTICLE.id, path: ARTICLE })
  console.log(`[bench]   p50 ${ms(publish.p50)}, p95 ${ms(publish.p95)}`)
  return publish
}

async function throughput(label: string) {
  progress(`throughput ${ARTICLE} vs ${STATIC} (${label})`)
  const cache = (await fetch(`${SITE}${ARTICLE}`)).headers.get('x-nextjs-cache')
  const [article, file] = await compareThroughput(`${SITE}${ARTICLE}`, `${SITE}${STATIC}`)
  console.log(`[bench]   article ${perSec(article.reqPerSec)} (x-nextjs-cache: ${cache}), static ${perSec(file.reqPerSec)}`)
  return { article, static: file, cache }
}

async function main() {
  const started = Date.now()
  const startLoad = os.loadavg()
  rmSync(DATA, { recursive: true, force: true })
  mkdirSync(DATA, { recursive: true })
  const secrets = ensureLocalEnv()

  const seedSpec = datasetSpec('production', resolve('sanity/seed/production.ndjson'), resolve('sanity/seed/inventory.json'))
  if (LIVE_ONLY) {
    const live = await phase(secrets, seedSpec, 'seed', () => publishToOpenPage(secrets))
    const rows = [publishVisibleRow(live.result)]
    writeFileSync('bench/results.json', JSON.stringify({ date: new Date().toISOString(), rows, publish: live.result }, null, 2))
    return console.log(`\n${table(rows, [])}\n`)
  }
  const seed = await phase(secrets, seedSpec, 'seed', async () => {
    const pages = await measurePages()
    if (PAGES_ONLY) return { ...pages, speed: null, checkout: null, publish: null }
    const publish = await publishToOpenPage(secrets)
    const speed = await throughput('seed')
    progress('POST /api/checkout latency, 500 buyers of one product at 50 concurrent')
    const checkout = await checkoutLatency(secrets, 'production')
    logCheckout(checkout)
    return { ...pages, speed, checkout, publish }
  })
  const r = seed.result
  const pageRows: Row[] = [
    ...lighthouseRows('article', r.lh.article, r.lh.bare),
    ...lighthouseRows('product', r.lh.product, r.lh.bare),
    lighthouseBaselineRow(r.lh.bare),
    jsRow(r.js.article, r.js.bare),
  ]
  if (!r.speed || !r.checkout || !r.publish) {
    const minutes = (Date.now() - started) / 60_000
    const results = {
      date: new Date().toISOString(),
      minutes,
      loadAverage: { start: startLoad, end: os.loadavg() },
      rows: pageRows,
      build: seed.build,
      seed: r,
    }
    writeFileSync('bench/results.json', JSON.stringify(results, null, 2))
    console.log(`\n${table(pageRows, [])}\n`)
    return summary(pageRows, r.lh, r.js, startLoad, minutes)
  }

  progress('generate 1,000 articles and 500 products')
  const largeFile = `${DATA}/large.ndjson`
  const generated = generateDataset(largeFile)
  const large = await phase(secrets, datasetSpec('large', largeFile, inventoryFileFor(largeFile)), 'large', async () => {
    const speed = await throughput('large')
    progress('POST /api/checkout latency, 500 buyers of 500 different products at 50 concurrent')
    const checkout = await checkoutLatency(secrets, 'large', { spread: true })
    logCheckout(checkout)
    return { speed, checkout }
  })

  const rows: Row[] = [
    ...pageRows,
    throughputRow(r.speed.article.reqPerSec, r.speed.static.reqPerSec, STATIC),
    publishVisibleRow(r.publish),
    ...checkoutRows(r.checkout, 'one product', true),
    ...checkoutRows(large.result.checkout, 'a different product each (large dataset)', false),
  ]
  const phases: Record<'seed' | 'large', PhaseFigures> = {
    seed: { build: seed.build, article: r.speed.article.reqPerSec, static: r.speed.static.reqPerSec },
    large: { build: large.build, article: large.result.speed.article.reqPerSec, static: large.result.speed.static.reqPerSec },
  }
  const scale: ScaleRow[] = [
    { figure: '`next build` wall time', seed: phases.seed.build.seconds, large: phases.large.build.seconds, unit: s },
    { figure: 'build peak RSS (process tree)', seed: phases.seed.build.peakRssBytes, large: phases.large.build.peakRssBytes, unit: MB },
    {
      figure: 'static pages generated',
      seed: phases.seed.build.staticPages ?? NaN,
      large: phases.large.build.staticPages ?? NaN,
      unit: String,
    },
    { figure: 'article req/s', seed: phases.seed.article, large: phases.large.article, unit: perSec },
    {
      figure: 'article req/s ÷ static req/s',
      seed: phases.seed.article / phases.seed.static,
      large: phases.large.article / phases.large.static,
      unit: ratio,
    },
  ]

  const minutes = (Date.now() - started) / 60_000
  writeFileSync(
    'bench/results.json',
    JSON.stringify(
      {
        date: new Date().toISOString(),
        minutes,
        loadAverage: { start: startLoad, end: os.loadavg() },
        rows,
        phases,
        generated,
        seed: r,
        large: large.result,
      },
      null,
      2,
    ),
  )
  console.log(`\n${table(rows, scale)}\n`)
  summary(rows, r.lh, r.js, startLoad, minutes)
}

/** Runs Lighthouse on the three pages, then counts each page's first-load JS. */
async function measurePages() {
  for (const path of [ARTICLE, PRODUCT, BARE]) await fetch(`${SITE}${path}`) // warm the server before the browser looks
  progress(`lighthouse article, product and bare page, ${LIGHTHOUSE_RUNS} rounds`)
  const lh = await runLighthouse(
    { article: `${SITE}${ARTICLE}`, product: `${SITE}${PRODUCT}`, bare: `${SITE}${BARE}` },
    LIGHTHOUSE_RUNS,
    (line) => console.log(`[bench]   ${line}`),
    `${DATA}/lighthouse`,
  )
  progress('first-load JS: article vs bare page')
  const js = { article: await firstLoadJs(`${SITE}${ARTICLE}`), bare: await firstLoadJs(`${SITE}${BARE}`) }
  return { lh, js }
}

/** What the table cannot hold: the audits that cost points, the scripts the article adds, the machine's load. */
function summary(
  rows: Row[],
  lhs: Record<string, LighthouseFigures>,
  js: Record<'article' | 'bare', FirstLoad>,
  startLoad: number[],
  minutes: number,
) {
  for (const [page, lh] of Object.entries(lhs)) {
    for (const [id, audit] of Object.entries(lh.failing))
      console.log(
        `lighthouse ${page}: ${id} (${audit.category}) short in ${audit.runs}/${lh.scores.length} runs: ${audit.title}${audit.displayValue ? ` (last: ${audit.displayValue})` : ''}`,
      )
    if (lh.errors.length) console.log(`lighthouse ${page}: ${lh.errors.length} run(s) retried: ${lh.errors.join(', ')}`)
  }
  console.log(
    `lighthouse benchmarkIndex (Lighthouse's CPU score of this machine, per run): ${Object.values(lhs)
      .flatMap((lh) => lh.benchmarkIndex)
      .map((b) => b.toFixed(0))
      .join(', ')}; reports in ${DATA}/lighthouse`,
  )
  console.log(jsDifference(js.article, js.bare))
  const missed = rows.filter((row) => row.met === false).length
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' ')
  console.log(`load average at start ${load(startLoad)}, at end ${load(os.loadavg())} (${os.cpus().length} cores)`)
  console.log(
    `\nbench: ${rows.filter((row) => row.met).length} targets met, ${missed} missed, ${minutes.toFixed(1)} min; figures in bench/results.json`,
  )
}

function logCheckout({ checkout, cartGet }: CheckoutFigures) {
  console.log(
    `[bench]   checkout p99 ${ms(checkout.p99)} (${checkout.requests - checkout.ok} failed), GET /api/cart p99 ${ms(cartGet.p99)}`,
  )
}

try {
  await main()
  cleanupAll()
  process.exit(0)
} catch (error) {
  console.error('[bench] crashed:', error)
  cleanupAll()
  process.exit(1)
}

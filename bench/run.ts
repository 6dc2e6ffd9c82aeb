import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { basename, resolve } from 'node:path'
import { MAGNESIUM_ARTICLE } from '../sanity/seed/facts'
import { ensureLocalEnv } from '../scripts/local-env'
import { cartReadLatency, checkoutLatency, type CheckoutFigures } from './checkout'
import { startBalancer } from './balancer'
import { cleanupAll, onCleanup } from './cleanup'
import { firstLoadJs, jsDifference, type FirstLoad } from './first-load'
import { generateDataset, inventoryFileFor } from './generate'
import { runLighthouse, type LighthouseFigures } from './lighthouse'
import { MB, kB, ms, perSec, ratio, s, table, type Row, type ScaleRow } from './report'
import { paidOrdersPerSecond } from './orders'
import { publishVisible } from './publish-visible'
import {
  cartGrowthRow,
  checkoutRows,
  jsRow,
  lighthouseBaselineRow,
  lighthouseRows,
  ordersRow,
  publishVisibleRows,
  responseTimeRow,
  scriptBlockingRow,
  throughputRow,
  type PageSpeed,
} from './rows'
import {
  DATA,
  PORTS,
  SECOND_SITE,
  SITE,
  databaseUrl,
  appEnv,
  buildApp,
  startDatabase,
  startLake,
  startMail,
  startSite,
  startStripe,
  type BuildFigures,
  type DatasetSpec,
  type Secrets,
} from './stack'
import { compareThroughput } from './throughput'
import { checkTwins, writeTwins, type Twin } from './twins'

/**
 * `npm run bench`: builds the store, serves it with fresh local services on ports of its own and
 * prints each figure beside its target (docs/design.md §6), as ratios taken in the same run because
 * the machine is shared. Then the same with a large generated dataset, for growth. Exits
 * non-zero only if the bench itself fails; a missed target shows as ✗.
 */
const ARTICLE = `/articles/${MAGNESIUM_ARTICLE.slug}`
const PRODUCT = '/products/magnesium-glycinate'
const HOME = '/'
const CATEGORY = '/products?category=supplements'
const BARE = '/bench-bare'
/** Readers' pages whose throughput is set against a static file of their size; the large dataset measures the article only. */
const SPEED_PAGES = { article: ARTICLE, product: PRODUCT, home: HOME }
const LIGHTHOUSE_RUNS = 5
/**
 * BENCH_ROWS measures one group of rows on the seed dataset, a few minutes instead of the whole
 * bench, for iterating on one side: `pages` (throughput and response time against static twins,
 * Lighthouse and first-load JS), `commerce` (checkout and paid orders), `live` (publish → visible).
 * The value is the group's number of progress steps, the build included.
 */
const GROUPS = { pages: 5, commerce: 3, live: 2 } as const
const ONLY = process.env.BENCH_ROWS as keyof typeof GROUPS | undefined
if (ONLY !== undefined && !(ONLY in GROUPS))
  throw new Error(`BENCH_ROWS=${ONLY}: one of ${Object.keys(GROUPS).join(', ')}`)
const STEPS = ONLY ? GROUPS[ONLY] : 15
const measures = (group: keyof typeof GROUPS) => ONLY === undefined || ONLY === group

let step = 0
const progress = (what: string) => console.log(`[bench] ${++step}/${STEPS} ${what}…`)

function datasetSpec(name: string, seedFile: string, inventoryFile: string): DatasetSpec {
  const articles = readFileSync(seedFile, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"_type":"article"')).length
  return { name, seedFile, inventoryFile, articles }
}

type PhaseFigures = { build: BuildFigures; article: number; static: number }

/**
 * Services with `spec`, build, server; `measure` runs against it, then everything stops again.
 * With `twinPages`, static twins of those pages are written first and the server restarted so it
 * serves them (twins.ts); `measure` gets them.
 */
async function phase<T>(
  secrets: Secrets,
  spec: DatasetSpec,
  label: string,
  twinPages: Record<string, string> | null,
  measure: (env: NodeJS.ProcessEnv, twins: Record<string, Twin>) => Promise<T>,
) {
  const stopStripe = await startStripe(secrets, label, balancer.url)
  const stopLake = await startLake(secrets, spec)
  const database = await startDatabase(secrets, spec, label)
  const env = appEnv(spec.name, database.url, smtpUrl)
  progress(`next build (${label} dataset: ${spec.articles} articles)`)
  const build = await buildApp(env, label)
  console.log(
    `[bench]   ${s(build.seconds)}, peak RSS ${MB(build.peakRssBytes)}, ${build.staticPages ?? '?'} static pages`,
  )
  let stopSite = await startSite(env)
  try {
    let twins: Record<string, Twin> = {}
    if (twinPages) {
      progress(`static twins of ${Object.keys(twinPages).join(', ')}, then restart the server`)
      twins = await writeTwins(SITE, twinPages)
      await stopSite()
      stopSite = await startSite(env)
      await checkTwins(SITE, twins)
      console.log(
        `[bench]   ${Object.values(twins)
          .map((t) => `${t.file} ${kB(t.bytes)}`)
          .join(', ')}`,
      )
    }
    return { build, result: await measure(env, twins) }
  } finally {
    await stopSite()
    await database.stop()
    await stopLake()
    await stopStripe()
  }
}

async function publishToOpenPage(secrets: Secrets) {
  progress('publish → visible on an open article page, 20 publishes')
  const publish = await publishVisible(secrets, 'production', {
    id: MAGNESIUM_ARTICLE.id,
    path: ARTICLE,
  })
  console.log(`[bench]   p50 ${ms(publish.p50)}, p95 ${ms(publish.p95)}, missed ${publish.missed}`)
  return publish
}

/** Each page against its static twin, in turn (throughput.ts). */
async function throughput(label: string, twins: Record<string, Twin>) {
  progress(
    `throughput and response time of ${Object.keys(twins).join(', ')} vs same-size static files (${label})`,
  )
  const speed: Record<string, PageSpeed> = {}
  for (const [name, twin] of Object.entries(twins)) {
    const [page, file] = await compareThroughput(`${SITE}${twin.page}`, `${SITE}${twin.file}`)
    speed[name] = { twin, page, file }
    console.log(
      `[bench]   ${name} ${perSec(page.reqPerSec)} (p95 ${ms(page.p95)}, x-nextjs-cache ${JSON.stringify(page.cache)}), its twin ${perSec(file.reqPerSec)} (p95 ${ms(file.p95)})`,
    )
  }
  return speed
}

async function cartRead(label: string, dataset: string, secrets: Secrets) {
  progress(
    `GET /api/cart latency, 500 one-line carts over the ${label} dataset's products at 50 concurrent, 3 rounds`,
  )
  const cart = await cartReadLatency(secrets, dataset)
  console.log(
    `[bench]   p99 per round ${cart.rounds.map((r) => ms(r.p99)).join(', ')} (${cart.products} products)`,
  )
  return cart
}

async function main() {
  const started = Date.now()
  const startLoad = os.loadavg()
  const secrets = ensureLocalEnv()

  const seed = await phase(
    secrets,
    datasetSpec(
      'production',
      resolve('sanity/seed/production.ndjson'),
      resolve('sanity/seed/inventory.json'),
    ),
    'seed',
    measures('pages') ? SPEED_PAGES : null,
    async (env, twins) => ({
      pages: measures('pages') ? await measurePages(twins) : null,
      publish: measures('live') ? await publishToOpenPage(secrets) : null,
      cart: ONLY === undefined ? await cartRead('seed', 'production', secrets) : null,
      commerce: measures('commerce') ? await measureCommerce(secrets, env) : null,
    }),
  )
  const r = seed.result
  const rows: Row[] = [
    ...(r.pages ? pageRows(r.pages) : []),
    ...(r.publish ? publishVisibleRows(r.publish) : []),
    ...(r.commerce
      ? [...checkoutRows(r.commerce.checkout, 'one product', true), ordersRow(r.commerce.orders)]
      : []),
  ]
  const results = {
    date: new Date().toISOString(),
    loadAverage: { start: startLoad },
    build: seed.build,
    seed: r,
  }
  if (ONLY !== undefined || !r.pages || !r.cart)
    return finish(rows, [], results, r.pages, startLoad, started)

  progress('generate 1,000 articles and 500 products')
  const largeFile = `${DATA}/large.ndjson`
  const generated = generateDataset(largeFile)
  const large = await phase(
    secrets,
    datasetSpec('large', largeFile, inventoryFileFor(largeFile)),
    'large',
    { article: ARTICLE },
    async (_env, twins) => {
      const speed = await throughput('large', twins)
      const cart = await cartRead('large', 'large', secrets)
      progress('POST /api/checkout latency, 500 buyers of 500 different products at 50 concurrent')
      const checkout = await checkoutLatency(secrets, 'large', { spread: true, rounds: 1 })
      logCheckout(checkout)
      return { speed, cart, checkout }
    },
  )
  rows.push(cartGrowthRow(r.cart, large.result.cart))
  rows.push(
    ...checkoutRows(large.result.checkout, 'a different product each (large dataset)', false),
  )

  const article = (speed: Record<string, PageSpeed>) => speed.article
  const phases: Record<'seed' | 'large', PhaseFigures> = {
    seed: {
      build: seed.build,
      article: article(r.pages.speed).page.reqPerSec,
      static: article(r.pages.speed).file.reqPerSec,
    },
    large: {
      build: large.build,
      article: article(large.result.speed).page.reqPerSec,
      static: article(large.result.speed).file.reqPerSec,
    },
  }
  const scale: ScaleRow[] = [
    {
      figure: '`next build` wall time',
      seed: phases.seed.build.seconds,
      large: phases.large.build.seconds,
      unit: s,
    },
    {
      figure: 'build peak RSS (process tree)',
      seed: phases.seed.build.peakRssBytes,
      large: phases.large.build.peakRssBytes,
      unit: MB,
    },
    {
      figure: 'static pages generated',
      seed: phases.seed.build.staticPages ?? NaN,
      large: phases.large.build.staticPages ?? NaN,
      unit: String,
    },
    {
      figure: 'article req/s',
      seed: phases.seed.article,
      large: phases.large.article,
      unit: perSec,
    },
    {
      figure: 'article req/s ÷ same-size static file req/s',
      seed: phases.seed.article / phases.seed.static,
      large: phases.large.article / phases.large.static,
      unit: ratio,
    },
  ]
  finish(
    rows,
    scale,
    { ...results, phases, generated, large: large.result },
    r.pages,
    startLoad,
    started,
  )
}

/** Checkout latency for one hot product, then paid orders per second through the balancer with one instance and with two. */
async function measureCommerce(secrets: Secrets, env: NodeJS.ProcessEnv) {
  progress(
    'POST /api/checkout latency, 500 buyers of one product at 50 concurrent, 3 rounds against the cart read',
  )
  const checkout = await checkoutLatency(secrets, 'production')
  logCheckout(checkout)
  progress(
    'paid orders per second, one instance vs two on one PostgreSQL, through a round-robin balancer',
  )
  const stopSecond = await startSite(env, PORTS.secondSite)
  try {
    const orders = await paidOrdersPerSecond(databaseUrl(secrets), balancer, [SITE, SECOND_SITE])
    const steps = Object.entries(orders.steps).map(([step, median]) => `${step} ${ms(median)}`)
    console.log(
      `[bench]   one instance ${orders.one.perSecond.toFixed(1)} orders/s, two ${orders.two.perSecond.toFixed(1)} orders/s; median per step: ${steps.join(', ')}`,
    )
    return { checkout, orders }
  } finally {
    await stopSecond()
  }
}

/** Writes bench/results.json, prints the table and the summary. */
function finish(
  rows: Row[],
  scale: ScaleRow[],
  results: Record<string, unknown>,
  pages: Awaited<ReturnType<typeof measurePages>> | null,
  startLoad: number[],
  started: number,
) {
  const minutes = (Date.now() - started) / 60_000
  writeFileSync(
    'bench/results.json',
    JSON.stringify(
      { ...results, minutes, rows, loadAverage: { start: startLoad, end: os.loadavg() } },
      null,
      2,
    ),
  )
  console.log(`\n${table(rows, scale)}\n`)
  summary(rows, pages, startLoad, minutes)
}

/** Throughput against static twins, then Lighthouse on the readers' pages and the bare one, then each page's first-load JS. */
async function measurePages(twins: Record<string, Twin>) {
  const speed = await throughput('seed', twins)
  // The bare page first in every round, then the readers' pages, each in turn (lighthouse.ts).
  const pages = { bare: BARE, article: ARTICLE, product: PRODUCT, home: HOME, category: CATEGORY }
  for (const path of Object.values(pages)) await fetch(`${SITE}${path}`) // warm the server before the browser looks
  progress(`lighthouse ${Object.keys(pages).join(', ')}, interleaved, ${LIGHTHOUSE_RUNS} rounds`)
  const lh = await runLighthouse(
    Object.fromEntries(Object.entries(pages).map(([name, path]) => [name, `${SITE}${path}`])),
    LIGHTHOUSE_RUNS,
    (line) => console.log(`[bench]   ${line}`),
    `${DATA}/lighthouse`,
  )
  progress('first-load JS: article vs bare page')
  const js = {
    article: await firstLoadJs(`${SITE}${ARTICLE}`),
    bare: await firstLoadJs(`${SITE}${BARE}`),
  }
  return { speed, lh, js }
}

function pageRows({ speed, lh, js }: Awaited<ReturnType<typeof measurePages>>): Row[] {
  const readers = ['article', 'product', 'home', 'category']
  return [
    ...Object.entries(speed).flatMap(([name, figures]) => [
      throughputRow(name, figures),
      responseTimeRow(name, figures),
    ]),
    ...readers.flatMap((page) => lighthouseRows(page, lh[page], lh.bare)),
    lighthouseBaselineRow(lh.bare),
    ...readers.map((page) => scriptBlockingRow(page, lh[page], lh.bare)),
    jsRow(js.article, js.bare),
  ]
}

/** What the table cannot hold: the audits that cost points, the scripts the article adds, the machine's load. */
function summary(
  rows: Row[],
  pages: {
    lh: Record<string, LighthouseFigures>
    js: Record<'article' | 'bare', FirstLoad>
  } | null,
  startLoad: number[],
  minutes: number,
) {
  if (pages) pageSummary(pages.lh, pages.js)
  const missed = rows.filter((row) => row.met === false).length
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' ')
  console.log(
    `load average at start ${load(startLoad)}, at end ${load(os.loadavg())} (${os.cpus().length} cores)`,
  )
  console.log(
    `\nbench: ${rows.filter((row) => row.met).length} targets met, ${missed} missed, ${minutes.toFixed(1)} min; figures in bench/results.json`,
  )
}

function pageSummary(
  lhs: Record<string, LighthouseFigures>,
  js: Record<'article' | 'bare', FirstLoad>,
) {
  for (const [page, lh] of Object.entries(lhs)) {
    for (const [id, audit] of Object.entries(lh.failing))
      console.log(
        `lighthouse ${page}: ${id} (${audit.category}) short in ${audit.runs}/${lh.scores.length} runs: ${audit.title}${audit.displayValue ? ` (last: ${audit.displayValue})` : ''}`,
      )
    console.log(whereTimeWent(page, lh))
    if (lh.errors.length)
      console.log(`lighthouse ${page}: ${lh.errors.length} run(s) retried: ${lh.errors.join(', ')}`)
  }
  console.log(
    `lighthouse benchmarkIndex (Lighthouse's CPU score of this machine, per run): ${Object.values(
      lhs,
    )
      .flatMap((lh) => lh.benchmarkIndex)
      .map((b) => b.toFixed(0))
      .join(', ')}; reports in ${DATA}/lighthouse`,
  )
  console.log(jsDifference(js.article, js.bare))
}

/** The median-scoring run's blocking time by source and its LCP phases (lighthouse.ts, timeSpent). */
function whereTimeWent(page: string, lh: LighthouseFigures) {
  const order = lh.scores
    .map((score, i) => [score.performance, i] as const)
    .sort((a, b) => a[0] - b[0])
  const run = order[Math.floor(order.length / 2)][1]
  const { report, tbt, blocking, lcp } = lh.spent[run]
  const sources = Object.entries(blocking)
    .sort((a, b) => b[1] - a[1])
    .map(([source, time]) => `${source} ${ms(time)}`)
  return `lighthouse ${page}, median-scoring run (${basename(report)}): TBT ${ms(tbt)}; blocking time by source ${sources.join(', ') || 'none'}; LCP ${lcp}`
}

function logCheckout({ rounds }: CheckoutFigures) {
  for (const [i, { checkout, cartGet, ratio }] of rounds.entries()) {
    console.log(
      `[bench]   round ${i + 1}: checkout p99 ${ms(checkout.p99)} (${checkout.requests - checkout.ok} failed), GET /api/cart p99 ${ms(cartGet.p99)}: ×${ratio.toFixed(1)}`,
    )
  }
}

rmSync(DATA, { recursive: true, force: true })
mkdirSync(DATA, { recursive: true })
const balancer = await startBalancer(PORTS.balancer)
balancer.route([SITE])
onCleanup(() => void balancer.close())
const smtpUrl = await startMail(ensureLocalEnv())

try {
  await main()
  cleanupAll()
  process.exit(0)
} catch (error) {
  console.error('[bench] crashed:', error)
  cleanupAll()
  process.exit(1)
}

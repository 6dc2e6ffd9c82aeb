import { pool } from '../scripts/reliability/util'
import { load, percentile, type Load } from './load'
import pg from 'pg'
import { SITE, databaseUrl, lakeClient, type Secrets } from './stack'

/**
 * `POST /api/checkout` latency at 50 concurrent buyers, each with a cart of their own (a
 * repeated cart would just get its open session back). Every checkout holds stock, so stock
 * is raised first (in PostgreSQL, where it lives). `GET /api/cart` on the same carts, measured
 * the same way just before, is the baseline that shows how loaded the machine was. The two take
 * turns for ROUNDS rounds, each on fresh carts, and the round with the median ratio is reported
 * (a p99 of 500 is decided by a handful of requests, so one stall on this shared machine would
 * otherwise decide the row). A few requests one at a time warm each route first; for checkout
 * they also give the service time, what a checkout costs without queueing. Buyers either all
 * want one product (the hot case) or each a different one, which takes stock contention out of
 * the figure.
 */
const HOT = { productId: 'product-magnesium-glycinate', variantKey: '60-caps' }
const SOURCE_ARTICLE = 'article-magnesium-restless-legs'
const CONNECTIONS = 50
const SERIAL = 20
const ROUNDS = 3

type Line = { productId: string; variantKey: string }
type Latency = {
  requests: number
  ok: number
  statuses: Record<number, number>
  p50: number
  p95: number
  p99: number
  perSecond: number
}
/** One round: the cart read, then the checkout, on the same fresh carts. */
type Round = { cartGet: Latency; checkout: Latency; ratio: number }
/** `checkout` and `cartGet` are the median round's; `rounds` has them all. */
export type CheckoutFigures = {
  products: number
  checkout: Latency
  serial: Latency
  cartGet: Latency
  rounds: Round[]
  reservations: number
}
/** A buyer: the cart cookie and the address it shops from (one per buyer, as the rate limiter and the hold limit see them). */
type Buyer = { cookie: string; address: string }

const address = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`

async function newBuyer(i: number, line: Line): Promise<Buyer> {
  const res = await fetch(`${SITE}/api/cart`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address(i) },
    body: JSON.stringify({ ...line, quantity: 1, sourceArticle: SOURCE_ARTICLE }),
  })
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('rw_cart='))
  if (!res.ok || !cookie)
    throw new Error(`POST /api/cart answered ${res.status} ${await res.text()}`)
  return { cookie: cookie.split(';')[0], address: address(i) }
}

/** Sends `amount` requests over `connections`, the i-th as the i-th buyer. */
async function fire(
  method: string,
  path: string,
  buyers: Buyer[],
  amount: number,
  connections = CONNECTIONS,
): Promise<Latency> {
  let next = 0
  const run: Load = await load({
    url: SITE,
    connections,
    amount,
    requests: [
      {
        method,
        path,
        setupRequest: (request) => {
          const { cookie, address } = buyers[next++ % buyers.length]
          return { ...request, headers: { ...request.headers, cookie, 'x-forwarded-for': address } }
        },
      },
    ],
  })
  const ms = run.latenciesMs
  return {
    requests: ms.length,
    ok: run.ok,
    statuses: run.statuses,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    perSecond: ms.length / run.result.duration,
  }
}

/**
 * `count` buyers with a one-line cart each (quantity 1): over up to `products` of the dataset's
 * products, one after another (`spread`), or all of the hot one. Stock is raised first, in
 * PostgreSQL where it lives, as every checkout holds some.
 */
async function prepareBuyers(
  secrets: Secrets,
  dataset: string,
  { count, spread, products }: { count: number; spread: boolean; products: number },
) {
  const lake = lakeClient(secrets, dataset)
  const lines: Line[] = spread
    ? await lake.fetch<Line[]>(
        '*[_type == "product" && count(variants) > 0][0...$n]{ "productId": _id, "variantKey": variants[0]._key }',
        {
          n: products,
        },
      )
    : [HOT]
  const database = new pg.Client({ connectionString: databaseUrl(secrets) })
  await database.connect()
  try {
    for (const line of lines) {
      await database.query(
        `insert into inventory (product_id, variant_key, on_hand) values ($1, $2, 1000000)
         on conflict (product_id, variant_key) do update set on_hand = 1000000, held = 0`,
        [line.productId, line.variantKey],
      )
    }
  } finally {
    await database.end()
  }
  return {
    products: lines.length,
    buyers: await pool(count, 10, (i) => newBuyer(i, lines[i % lines.length])),
  }
}

export async function checkoutLatency(
  secrets: Secrets,
  dataset: string,
  { buyers = 500, spread = false, rounds = ROUNDS } = {},
): Promise<CheckoutFigures> {
  // Spare carts: autocannon may prepare a request per connection that it never sends.
  const perRound = buyers + CONNECTIONS
  const { products, buyers: all } = await prepareBuyers(secrets, dataset, {
    count: SERIAL + 1 + rounds * perRound,
    spread,
    products: buyers,
  })
  const warmUp = all.slice(0, SERIAL + 1)
  await fire('GET', '/api/cart', warmUp, SERIAL, 1)
  const serial = await fire('POST', '/api/checkout', warmUp, SERIAL, 1)
  const measured: Round[] = []
  for (let round = 0; round < rounds; round++) {
    const own = all.slice(SERIAL + 1 + round * perRound, SERIAL + 1 + (round + 1) * perRound)
    const cartGet = await fire('GET', '/api/cart', own, buyers)
    const checkout = await fire('POST', '/api/checkout', own, buyers)
    measured.push({ cartGet, checkout, ratio: checkout.p99 / cartGet.p99 })
  }
  const database = new pg.Client({ connectionString: databaseUrl(secrets) })
  await database.connect()
  const { rows } = await database.query<{ holds: number }>(
    'select count(*)::int as holds from holds',
  )
  await database.end()
  const median = [...measured].sort((a, b) => a.ratio - b.ratio)[Math.floor(measured.length / 2)]
  return {
    products,
    checkout: median.checkout,
    cartGet: median.cartGet,
    serial,
    rounds: measured,
    reservations: rows[0].holds,
  }
}

/** `GET /api/cart` on its own: the median p99 of ROUNDS rounds, and every round's. */
export type CartReadFigures = { products: number; median: Latency; rounds: Latency[] }

/**
 * The cart read as the dataset grows: 500 buyers, each a one-line cart of the next of the
 * dataset's products, read at 50 concurrent, ROUNDS times on the same carts (a read changes
 * nothing). The same shape and concurrency on every dataset, so only its size differs.
 */
export async function cartReadLatency(
  secrets: Secrets,
  dataset: string,
  { buyers = 500, rounds = ROUNDS } = {},
): Promise<CartReadFigures> {
  const { products, buyers: all } = await prepareBuyers(secrets, dataset, {
    count: buyers + CONNECTIONS,
    spread: true,
    products: buyers,
  })
  await fire('GET', '/api/cart', all, SERIAL, 1)
  const measured: Latency[] = []
  for (let round = 0; round < rounds; round++)
    measured.push(await fire('GET', '/api/cart', all, buyers))
  return {
    products,
    median: [...measured].sort((a, b) => a.p99 - b.p99)[Math.floor(rounds / 2)],
    rounds: measured,
  }
}

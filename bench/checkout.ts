import { pool } from '../scripts/reliability/util'
import { load, percentile, type Load } from './load'
import pg from 'pg'
import { SITE, databaseUrl, lakeClient, type Secrets } from './stack'

/**
 * `POST /api/checkout` latency at 50 concurrent buyers, each with a cart of their own (a
 * repeated cart would just get its open session back). Every checkout holds stock, so stock
 * is raised first (in PostgreSQL, where it lives). `GET /api/cart` on the same carts, measured the same way, is the baseline
 * that shows how loaded the machine was. A few checkouts one at a time first give the service
 * time, what a checkout costs without queueing. Buyers either all want one product (the hot
 * case) or each a different one, which takes stock contention out of the figure.
 */
const HOT = { productId: 'product-magnesium-glycinate', variantKey: '60-caps' }
const SOURCE_ARTICLE = 'article-magnesium-restless-legs'
const CONNECTIONS = 50
const SERIAL = 20

type Line = { productId: string; variantKey: string }
export type Latency = {
  requests: number
  ok: number
  statuses: Record<number, number>
  p50: number
  p95: number
  p99: number
  perSecond: number
}
export type CheckoutFigures = { products: number; checkout: Latency; serial: Latency; cartGet: Latency; reservations: number }

// Shoppers from distinct addresses, as the rate limiter would see them.
const address = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`

async function newCart(i: number, line: Line): Promise<string> {
  const res = await fetch(`${SITE}/api/cart`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address(i) },
    body: JSON.stringify({ ...line, quantity: 1, sourceArticle: SOURCE_ARTICLE }),
  })
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('rw_cart='))
  if (!res.ok || !cookie) throw new Error(`POST /api/cart answered ${res.status} ${await res.text()}`)
  return cookie.split(';')[0]
}

/** Sends `amount` requests over `connections`, the i-th carrying the i-th cart. */
async function fire(method: string, path: string, carts: string[], amount: number, connections = CONNECTIONS): Promise<Latency> {
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
          const i = next++ % carts.length
          return { ...request, headers: { ...request.headers, cookie: carts[i], 'x-forwarded-for': address(i) } }
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

export async function checkoutLatency(secrets: Secrets, dataset: string, { buyers = 500, spread = false } = {}): Promise<CheckoutFigures> {
  const lake = lakeClient(secrets, dataset)
  const lines: Line[] = spread
    ? await lake.fetch<Line[]>('*[_type == "product" && count(variants) > 0][0...$n]{ "productId": _id, "variantKey": variants[0]._key }', {
        n: buyers,
      })
    : [HOT]
  const database = new pg.Client({ connectionString: databaseUrl(secrets) })
  await database.connect()
  for (const line of lines) {
    await database.query(
      `insert into inventory (product_id, variant_key, on_hand) values ($1, $2, 1000000)
       on conflict (product_id, variant_key) do update set on_hand = 1000000, held = 0`,
      [line.productId, line.variantKey],
    )
  }
  // Spare carts: autocannon may prepare a request per connection that it never sends.
  const carts = await pool(SERIAL + 1 + buyers + CONNECTIONS, 10, (i) => newCart(i, lines[i % lines.length]))
  const [serialCarts, concurrentCarts] = [carts.slice(0, SERIAL + 1), carts.slice(SERIAL + 1)]
  const cartGet = await fire('GET', '/api/cart', concurrentCarts, buyers)
  const serial = await fire('POST', '/api/checkout', serialCarts, SERIAL, 1)
  const checkout = await fire('POST', '/api/checkout', concurrentCarts, buyers)
  const { rows } = await database.query<{ holds: number }>('select count(*)::int as holds from holds')
  await database.end()
  const reservations = rows[0].holds
  return { products: lines.length, checkout, serial, cartGet, reservations }
}

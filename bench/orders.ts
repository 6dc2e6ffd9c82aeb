import { Shopper } from '../scripts/reliability/shopper'
import { pool } from '../scripts/reliability/util'
import { percentile } from './load'
import pg from 'pg'

/**
 * Paid orders per second through a balancer in front of one instance, then two, on one
 * PostgreSQL: whole purchases (add to cart, checkout, pay on the Stripe double's page, land
 * on the success page), counted until every paid session is an order in the database. Rounds
 * alternate between one and two instances so the machine's drift falls on both alike.
 */
const LINE = { productId: 'product-magnesium-glycinate', variantKey: '60-caps' }
const CONCURRENT = 20
const ROUNDS = 2

export type OrdersRun = {
  buyers: number
  paid: number
  orders: number
  seconds: number
  perSecond: number
}
/** `steps`: each step's median in ms over every purchase, to show where a purchase's time goes. */
export type OrdersFigures = { one: OrdersRun; two: OrdersRun; steps: Record<Step, number> }
type Step = 'cart' | 'checkout' | 'pay' | 'landing'

const timings: Record<Step, number[]> = { cart: [], checkout: [], pay: [], landing: [] }
async function timed<T>(step: Step, work: () => Promise<T>) {
  const started = performance.now()
  try {
    return await work()
  } finally {
    timings[step].push(performance.now() - started)
  }
}

type Balancer = { url: string; route(to: string[]): void }

let nextBuyer = 80_000

async function buy(site: string) {
  const shopper = new Shopper(nextBuyer++, site)
  if ((await timed('cart', () => shopper.add(LINE.productId, LINE.variantKey))).status !== 200)
    return null
  const checkout = await timed('checkout', () => shopper.checkout())
  if (!checkout.url || !checkout.sessionId) return null
  const paid = await timed('pay', () => shopper.pay(checkout.url!))
  if (paid.status !== 303 || !paid.location) return null
  // The success page, reached through the balancer like everything else the buyer does.
  const landing = new URL(paid.location)
  await timed('landing', () =>
    fetch(`${site}${landing.pathname}${landing.search}`).then((res) => res.text()),
  )
  return checkout.sessionId
}

async function run(database: pg.Client, site: string, buyers: number): Promise<OrdersRun> {
  const started = performance.now()
  const sessions = (await pool(buyers, CONCURRENT, () => buy(site))).filter(
    (id): id is string => id !== null,
  )
  const count = async () =>
    (
      await database.query<{ n: number }>(
        'select count(*)::int as n from orders where session_id = any($1)',
        [sessions],
      )
    ).rows[0].n
  let orders = await count()
  const deadline = performance.now() + 60_000
  while (orders < sessions.length && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50))
    orders = await count()
  }
  const seconds = (performance.now() - started) / 1000
  return { buyers, paid: sessions.length, orders, seconds, perSecond: orders / seconds }
}

const sum = (runs: OrdersRun[]): OrdersRun => {
  const total = (key: 'buyers' | 'paid' | 'orders' | 'seconds') =>
    runs.reduce((n, r) => n + r[key], 0)
  return {
    buyers: total('buyers'),
    paid: total('paid'),
    orders: total('orders'),
    seconds: total('seconds'),
    perSecond: total('orders') / total('seconds'),
  }
}

export async function paidOrdersPerSecond(
  databaseUrl: string,
  balancer: Balancer,
  instances: [string, string],
  buyersPerRound = 100,
): Promise<OrdersFigures> {
  const database = new pg.Client({ connectionString: databaseUrl })
  await database.connect()
  try {
    await database.query(
      `update inventory set on_hand = 1000000, held = 0 where product_id = $1 and variant_key = $2`,
      [LINE.productId, LINE.variantKey],
    )
    // Both instances warmed (compiled routes, pools open) before anything is timed.
    balancer.route(instances)
    await run(database, balancer.url, 20)
    const one: OrdersRun[] = []
    const two: OrdersRun[] = []
    for (let round = 0; round < ROUNDS; round++) {
      balancer.route([instances[0]])
      one.push(await run(database, balancer.url, buyersPerRound))
      balancer.route(instances)
      two.push(await run(database, balancer.url, buyersPerRound))
    }
    const steps = Object.fromEntries(
      Object.entries(timings).map(([step, ms]) => [step, percentile(ms, 50)]),
    ) as Record<Step, number>
    return { one: sum(one), two: sum(two), steps }
  } finally {
    balancer.route([instances[0]])
    await database.end()
  }
}

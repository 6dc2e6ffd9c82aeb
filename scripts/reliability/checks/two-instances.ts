import { eventually } from '../../../lib/test/eventually'
import { stop, exited } from '../../services'
import { confirmationsFor } from '../orders'
import { Shopper } from '../shopper'
import { PORTS, SITE, type Stack } from '../stack'
import { deliver, eventFor, pool, type Figure } from '../util'

/**
 * Two instances of the production build on one PostgreSQL, buyers split between them as a
 * load balancer would: nothing that decides correctness may live in one process. The last units
 * and a one-use code go to exactly as many buyers as there are; a client over its budget on one
 * instance is refused on the other; one instance killed mid-storm loses nothing, the other and
 * the outbox finish the work; and the lake sees no write from checkout or fulfilment, only one
 * mirror write per order.
 */
export async function twoInstances(stack: Stack): Promise<Figure> {
  const second = await stack.startInstance(PORTS.site + 1)
  const sites = [SITE, second.url]
  try {
    const units = await lastUnits(stack, sites)
    const code = await oneUseCode(stack, sites)
    const budget = await sharedBudget(sites)
    const publish = await publishReachesBoth(stack, sites)
    const killed = await instanceKilled(stack, sites, async () => {
      stop(second.child, 'SIGKILL')
      await exited(second.child)
    })
    const pass = units.pass && code.pass && budget.pass && publish.pass && killed.pass
    return {
      check: 'Two instances',
      figure: [units.figure, code.figure, budget.figure, publish.figure, killed.figure].join('; '),
      target:
        '10 units → ≤ 10 sold, never below zero; one-use code → 1 redemption; over budget on one → refused on the other; both serve the article from the cache, and a publish shows on both within 1.5 s; one instance SIGKILLed mid-storm → every order once, one email each, 0 lake writes from checkout or fulfilment, ≤ 2 mirror writes per order (the order, then its email status)',
      pass,
    }
  } finally {
    stop(second.child)
  }
}

async function lastUnits(stack: Stack, sites: string[]) {
  const [productId, key] = ['product-massage-roller', '13-in']
  await stack.setStock(productId, key, 10)
  const outcomes = await pool(200, 40, async (i) => {
    const shopper = new Shopper(60_001 + i, sites[i % 2])
    if ((await shopper.add(productId, key)).status !== 200) return 'refused'
    const checkout = await shopper.checkout()
    if (!checkout.url) return checkout.status >= 500 ? 'error' : 'refused'
    return (await shopper.pay(checkout.url)).status === 303 ? 'paid' : 'unpaid'
  })
  const paid = outcomes.filter((o) => o === 'paid').length
  const errors = outcomes.filter((o) => o === 'error').length
  const after = await stack.stock(productId, key)
  const pass =
    paid <= 10 && paid > 0 && errors === 0 && after.onHand >= 0 && after.onHand - after.held >= 0
  return {
    pass,
    figure: `200 buyers over 2 instances for 10 units → ${paid} paid, ${errors} × 5xx, ${after.onHand} left on hand`,
  }
}

async function oneUseCode(stack: Stack, sites: string[]) {
  const [productId, key] = ['product-magnesium-glycinate', '120-caps']
  await stack.setStock(productId, key, 100)
  await stack.lakeClient.createOrReplace({
    _id: 'promotion-oneuse',
    _type: 'promotion',
    code: 'ONEUSE',
    active: true,
    discountType: 'percent',
    percentOff: 15,
    maxRedemptions: 1,
  })
  // A buyer who arrives after the use is taken is told so, and may buy without the code.
  const sessions = await pool(20, 20, async (i) => {
    const shopper = new Shopper(61_001 + i, sites[i % 2])
    await shopper.add(productId, key)
    await shopper.request('POST', '/api/cart/promotion', { code: 'ONEUSE' })
    const checkout = await shopper.checkout()
    if (checkout.url) await shopper.pay(checkout.url)
    return checkout.sessionId ?? null
  })
  const paid = sessions.filter((id): id is string => id !== null)
  const orders = await eventually(
    `orders for the ${paid.length} paid sessions`,
    () =>
      stack.query<{ code: string | null }>(
        'select promotion_code as code from orders where session_id = any($1)',
        [paid],
      ),
    (rows) => rows.length === paid.length,
    { timeoutMs: 30_000 },
  ).catch(() => [])
  const withCode = orders.filter((order) => order.code === 'ONEUSE').length
  const [uses] = await stack.query<{ redeemed: number }>(
    `select redeemed from promotion_uses where promotion_id = 'promotion-oneuse'`,
  )
  const pass = withCode === 1 && uses?.redeemed === 1
  return {
    pass,
    figure: `20 buyers over 2 instances for a one-use code → ${paid.length} paid, ${withCode} with the code, ${uses?.redeemed ?? 0} redemption`,
  }
}

async function sharedBudget(sites: string[]) {
  // "Find my order" allows 5 requests a minute per client: spend them on one instance, then ask the other.
  const shopper = (site: string) => new Shopper(62_001, site)
  const body = { email: 'someone@example.com', orderNumber: 'RW-00000000' }
  const first: number[] = []
  for (let i = 0; i < 6; i++)
    first.push((await shopper(sites[0]).request('POST', '/api/orders/lookup', body)).status)
  const other = (await shopper(sites[1]).request('POST', '/api/orders/lookup', body)).status
  const pass = first.slice(0, 5).every((s) => s === 202) && first[5] === 429 && other === 429
  return {
    pass,
    figure: `a client's 6th lookup on instance A → ${first[5]}, its next on instance B → ${other}`,
  }
}

/**
 * The lake's webhook reaches one instance; the other serves the same article from the shared cache
 * (PostgreSQL) and must show the publish too, within PUBLISH_REACHES_MS of it.
 */
const PUBLISH_REACHES_MS = 1_500

async function publishReachesBoth(stack: Stack, sites: string[]) {
  const id = 'article-magnesium-restless-legs'
  const path = '/articles/is-magnesium-good-for-restless-legs'
  const get = (site: string) => fetch(`${site}${path}`)
  const page = async (site: string) => (await get(site)).text()
  await Promise.all(sites.map(page)) // rendered once, into the shared cache
  const cached = await Promise.all(
    sites.map(async (site) => (await get(site)).headers.get('x-nextjs-cache')),
  )
  const original = await stack.lakeClient.fetch<string>('*[_id == $id][0].title', { id })
  const title = `Magnesium and restless legs, revised ${Date.now()}`
  const started = Date.now()
  await stack.lakeClient.patch(id).set({ title }).commit()
  const seen = await Promise.all(
    sites.map(async (site) => {
      while (Date.now() - started < 10_000) {
        if ((await page(site)).includes(title)) return Date.now() - started
        await new Promise((r) => setTimeout(r, 50))
      }
      return null
    }),
  )
  await stack.lakeClient.patch(id).set({ title: original }).commit()
  const pass =
    cached.every((state) => state === 'HIT') &&
    seen.every((ms) => ms !== null && ms <= PUBLISH_REACHES_MS)
  return {
    pass,
    figure: `the article was a cache ${cached.join('/')} on A/B; a published title showed on A after ${seen[0] ?? '–'} ms and on B after ${seen[1] ?? '–'} ms`,
  }
}

async function instanceKilled(stack: Stack, sites: string[], kill: () => Promise<void>) {
  const [productId, key] = ['product-silk-sleep-mask', 'navy']
  await stack.setStock(productId, key, 500)
  stack.setForwarding(false)
  const ids = await pool(40, 20, async (i) => {
    const shopper = new Shopper(63_001 + i, sites[i % 2])
    await shopper.add(productId, key)
    const checkout = await shopper.checkout()
    if (!checkout.url || (await shopper.pay(checkout.url)).status !== 303)
      throw new Error(`checkout ${checkout.status}`)
    return checkout.sessionId!
  })
  const events = await pool(ids.length, 20, async (i) =>
    eventFor('checkout.session.completed', await stack.stripe.checkout.sessions.retrieve(ids[i])),
  )

  // Every write the lake takes while the orders are recorded, by document.
  const writes = new Map<string, number>()
  const subscription = stack.lakeClient
    .listen('*', {}, { includeResult: false, visibility: 'transaction' })
    .subscribe((event) => {
      if (event.type === 'mutation')
        writes.set(event.documentId, (writes.get(event.documentId) ?? 0) + 1)
    })
  await new Promise((r) => setTimeout(r, 500)) // the listener is connected

  let acknowledged = 0
  let killed = false
  const statuses = await pool(events.length, 8, async (i) => {
    const status = await deliver(events[i], stack.secrets.STRIPE_WEBHOOK_SECRET, {
      site: sites[i % 2],
    }).catch(() => 0)
    if (status === 200 && ++acknowledged >= 10 && !killed) {
      killed = true
      await kill()
    }
    return status
  })
  // Stripe retries what was not acknowledged, and the load balancer sends it to the instance that is up.
  const retried = statuses.flatMap((s, i) => (s === 200 ? [] : [i]))
  await pool(retried.length, 8, (j) =>
    deliver(events[retried[j]], stack.secrets.STRIPE_WEBHOOK_SECRET, { site: sites[0] }),
  )
  stack.setForwarding(true)

  const orders = (
    await stack.query<{ n: number }>(
      'select count(*)::int as n from orders where session_id = any($1)',
      [ids],
    )
  )[0].n
  const mail = await confirmationsFor(stack, ids)
  const mirrored = await waitForMirrors(stack, ids)
  subscription.unsubscribe()
  const fromCheckout = [...writes.keys()].filter((id) => !id.startsWith('orders.')).length
  // An order's mirror is written when it is recorded and again when its email status changes, if the email went second.
  const mirrorWrites = [...writes.entries()]
    .filter(([id]) => id.startsWith('orders.'))
    .map(([, n]) => n)
  const most = Math.max(0, ...mirrorWrites)
  const pass =
    killed &&
    orders === ids.length &&
    mail.once === ids.length &&
    mail.more === 0 &&
    fromCheckout === 0 &&
    most <= 2 &&
    mirrored
  return {
    pass,
    figure: `instance B SIGKILLed after ${acknowledged} acknowledgements, ${retried.length} deliveries retried on A → ${orders}/${ids.length} orders, ${mail.once} emailed once, ${mail.more} more than once; lake writes: ${fromCheckout} outside the mirror, at most ${most} per order mirror (${mirrorWrites.length} mirrors written)`,
  }
}

async function waitForMirrors(stack: Stack, ids: string[]) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (
      (await stack.lakeClient.fetch<number>(
        'count(*[_type == "order" && stripeSessionId in $ids])',
        { ids },
      )) === ids.length
    )
      return true
    await new Promise((r) => setTimeout(r, 500))
  }
  return false
}

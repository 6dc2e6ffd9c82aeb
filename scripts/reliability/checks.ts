import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { eventually } from '../../lib/test/eventually'
import { readInbox } from '../services'
import { changes, contentById, send, shown } from './fuzz-probe'
import { FUZZED_ROUTES } from './fuzz-routes'
import { uncoveredRoutes } from './route-files'
import { Shopper, shopperAddress } from './shopper'
import { SITE, type Stack } from './stack'
import { deliver, eventFor, pool, shuffle, type Figure } from './util'

/** Orders recorded (in PostgreSQL, the record) for these Checkout Sessions. */
const orderCount = async (stack: Stack, ids: string[]) =>
  (await stack.query<{ n: number }>('select count(*)::int as n from orders where session_id = any($1)', [ids]))[0].n
/** Their mirrors in the lake, which editors see in the Studio. */
const mirrorCount = (stack: Stack, ids: string[]) =>
  stack.lakeClient.fetch<number>('count(*[_type == "order" && stripeSessionId in $ids])', { ids })

/** Opens `n` checkouts of one unit, each by its own shopper; pays them unless `pay` is false. */
async function sessions(stack: Stack, n: number, firstShopper: number, productId: string, key: string, pay: boolean) {
  return pool(n, 20, async (i) => {
    const shopper = new Shopper(firstShopper + i)
    const added = await shopper.add(productId, key)
    if (added.status !== 200) throw new Error(`add to cart: ${added.status} ${JSON.stringify(added.json)}`)
    const checkout = await shopper.checkout()
    if (!checkout.url || !checkout.sessionId) throw new Error(`checkout: ${checkout.status} ${checkout.error}`)
    if (pay && (await shopper.pay(checkout.url)).status !== 303) throw new Error('payment failed')
    return checkout.sessionId
  })
}

/** How many of these sessions' orders got exactly one confirmation email, and how many more than one. */
export async function confirmationsFor(stack: Stack, sessionIds: string[]) {
  const numbers = (
    await stack.query<{ number: string }>('select order_number as number from orders where session_id = any($1)', [sessionIds])
  ).map((row) => row.number)
  const tally = async () => {
    const emails = await readInbox(stack.inbox)
    const counts = new Map<string, number>()
    for (const { subject } of emails) {
      const number = /RW-[0-9A-F]{8}/.exec(subject)?.[0]
      if (number) counts.set(number, (counts.get(number) ?? 0) + 1)
    }
    return { once: numbers.filter((n) => counts.get(n) === 1).length, more: numbers.filter((n) => (counts.get(n) ?? 0) > 1).length }
  }
  await eventually(`a confirmation email for each of ${numbers.length} orders`, tally, ({ once, more }) => once + more >= numbers.length, {
    timeoutMs: 60_000,
    intervalMs: 500,
  })
  await new Promise((r) => setTimeout(r, 1000)) // a second copy would have arrived by now
  return tally()
}

/** 1. Stripe retries, reorders and parallelises webhooks: none of it may lose or duplicate an order. */
export async function webhookStorm(stack: Stack): Promise<Figure> {
  const [productId, key] = ['product-magnesium-glycinate', '60-caps']
  await stack.setStock(productId, key, 1000)
  stack.setForwarding(false)
  const paidIds = await sessions(stack, 200, 1, productId, key, true)
  const unpaidIds = await sessions(stack, 60, 1001, productId, key, false)
  await pool(unpaidIds.length, 20, (i) => stack.stripe.checkout.sessions.expire(unpaidIds[i]))
  const completed = await pool(paidIds.length, 20, async (i) =>
    eventFor('checkout.session.completed', await stack.stripe.checkout.sessions.retrieve(paidIds[i])),
  )
  const expired = await pool(unpaidIds.length, 20, async (i) =>
    eventFor('checkout.session.expired', await stack.stripe.checkout.sessions.retrieve(unpaidIds[i])),
  )

  const events = [...completed, ...expired]
  const copies = events.map(() => 1 + Math.floor(Math.random() * 5))
  const forged = 80
  while (copies.reduce((a, b) => a + b, 0) + forged < 1000) {
    const i = Math.floor(Math.random() * events.length)
    if (copies[i] < 5) copies[i]++
  }
  const deliveries = shuffle([
    ...events.flatMap((event, i) => Array.from({ length: copies[i] }, () => ({ event, forge: false }))),
    ...Array.from({ length: forged }, () => ({ event: events[Math.floor(Math.random() * events.length)], forge: true })),
  ])
  const statuses = await pool(deliveries.length, 20, (i) =>
    deliver(deliveries[i].event, stack.secrets.STRIPE_WEBHOOK_SECRET, { forge: deliveries[i].forge }),
  )
  stack.setForwarding(true)

  const badRejected = statuses.filter((s, i) => deliveries[i].forge && s === 400).length
  const goodOk = statuses.filter((s, i) => !deliveries[i].forge && s === 200).length
  const serverErrors = statuses.filter((s) => s >= 500).length
  const perSession = await stack.query<{ id: string }>('select session_id as id from orders where session_id = any($1)', [paidIds])
  const counts = new Map<string, number>()
  for (const { id } of perSession) counts.set(id, (counts.get(id) ?? 0) + 1)
  const orders = counts.size
  const duplicates = [...counts.values()].filter((n) => n > 1).length
  const lost = paidIds.filter((id) => !counts.has(id)).length
  const after = await stack.stock(productId, key)
  const expectedOnHand = 1000 - orders
  const mail = await confirmationsFor(stack, paidIds)
  const pass =
    orders === 200 &&
    duplicates === 0 &&
    lost === 0 &&
    badRejected === forged &&
    goodOk === deliveries.length - forged &&
    serverErrors === 0 &&
    after.onHand === expectedOnHand &&
    after.held === 0 &&
    mail.once === orders &&
    mail.more === 0
  return {
    check: 'Webhook storm',
    figure: `${deliveries.length} deliveries (20 in flight) → ${orders} orders, ${duplicates} duplicates, ${lost} lost; ${badRejected}/${forged} forged → 400; ${serverErrors} × 5xx; on hand ${after.onHand} (expected ${expectedOnHand}), held ${after.held}; confirmation emails: ${mail.once} orders emailed once, ${mail.more} more than once`,
    target: '≥1000 deliveries → 200 orders, 0 dup, 0 lost, all forged 400, on hand = initial − sold, one email per order',
    pass,
  }
}

/** 2. Ten units, two hundred buyers at once: never oversold, never below zero. */
export async function lastUnits(stack: Stack): Promise<Figure> {
  const [productId, key] = ['product-massage-roller', '13-in']
  await stack.setStock(productId, key, 10)
  let minOnHand = Infinity
  let minAvailable = Infinity
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      const v = await stack.stock(productId, key).catch(() => null)
      if (v) {
        minOnHand = Math.min(minOnHand, v.onHand)
        minAvailable = Math.min(minAvailable, v.onHand - v.held)
      }
      await new Promise((r) => setTimeout(r, 20))
    }
  })()
  const outcomes = await Promise.all(
    Array.from({ length: 200 }, async (_, i) => {
      const shopper = new Shopper(5001 + i)
      const added = await shopper.add(productId, key)
      if (added.status !== 200) return { kind: 'refused', status: added.status, message: String(added.json?.error ?? '') }
      const checkout = await shopper.checkout()
      if (!checkout.url) return { kind: 'refused', status: checkout.status, message: checkout.error ?? '' }
      const paid = await shopper.pay(checkout.url)
      return { kind: paid.status === 303 ? 'paid' : 'unpaid', status: paid.status, sessionId: checkout.sessionId!, message: '' }
    }),
  )
  const paidIds = outcomes.flatMap((o) => (o.kind === 'paid' && 'sessionId' in o ? [o.sessionId as string] : []))
  try {
    await eventually(
      `an order for each of ${paidIds.length} paid sessions`,
      () => orderCount(stack, paidIds),
      (n) => n === paidIds.length,
      { timeoutMs: 30_000, intervalMs: 200 },
    )
  } finally {
    sampling = false
    await sampler
  }
  const [{ sold }] = await stack.query<{ sold: number }>(
    `select coalesce(sum(l.quantity), 0)::int as sold from order_lines l join orders o on o.id = l.order_id
     where o.status = 'paid' and o.session_id = any($1) and l.variant_key = $2`,
    [paidIds, key],
  )
  const [{ refunded }] = await stack.query<{ refunded: number }>(
    `select count(*)::int as refunded from orders where status = 'refunded' and session_id = any($1)`,
    [paidIds],
  )
  const refusals = outcomes.filter((o) => o.kind === 'refused')
  const clear409 = refusals.filter((o) => o.status === 409 && /sold out|left|checking out/i.test(o.message)).length
  const serverErrors = outcomes.filter((o) => o.status >= 500).length
  const after = await stack.stock(productId, key)
  const pass =
    minOnHand >= 0 &&
    minAvailable >= 0 &&
    (sold ?? 0) <= 10 &&
    clear409 === refusals.length &&
    serverErrors === 0 &&
    refusals.length + paidIds.length === 200 &&
    after.onHand === 10 - (sold ?? 0)
  return {
    check: 'Last units',
    figure: `200 buyers for 10 units → ${sold ?? 0} sold, ${refunded} refunded, ${clear409}/${refusals.length} refusals a clear 409, ${serverErrors} × 5xx; lowest on hand seen ${minOnHand}, lowest available ${minAvailable}; on hand now ${after.onHand}`,
    target: 'on hand ≥ 0 always, ≤ 10 sold, everyone else a clear 409, no 5xx',
    pass,
  }
}

/** Fuzz requests come from addresses of their own, past every shopper's, so no budget is shared. */
const FUZZ_CLIENTS = 40_001

/**
 * 3. Generated bad input on every API route file and every method it exports (the table in
 * fuzz-routes.ts): the answer each route owes to bad input, never a 5xx, never a write. Each
 * route method is its own property, so one method's failure hides no other's, and a failure is
 * shrunk to a minimal request. Requests come from a remote (non-loopback) client, as
 * X-Forwarded-For says.
 */
export async function fuzz(stack: Stack): Promise<Figure> {
  const gaps = uncoveredRoutes(FUZZED_ROUTES)
  const start = await contentById(stack)
  let seen = start
  let sent = 0
  const failures: string[] = []
  const table = Object.entries(FUZZED_ROUTES).flatMap(([file, methods]) =>
    Object.entries(methods).map(([method, fuzzed]) => ({ file, method, ...fuzzed })),
  )
  for (const { file, method, probes, verdict, runs } of table) {
    const result = await fc.check(
      fc.asyncProperty(probes, async (probe) => {
        const answer = await send(probe, shopperAddress(FUZZ_CLIENTS + sent++))
        // Compared with the lake just before this request, so a write is pinned on the request that made it.
        const now = await contentById(stack)
        const wrote = changes(seen, now)
        seen = now
        const problems = [answer.status >= 500 ? `answered ${answer.status}` : verdict(answer), wrote && `wrote: ${wrote}`].filter(Boolean)
        if (problems.length > 0) throw new Error(problems.join('; '))
      }),
      { numRuns: runs },
    )
    if (result.failed)
      failures.push(
        `${file} ${method}: ${result.counterexample ? shown(result.counterexample[0]) : '?'} → ${(result.errorInstance as Error)?.message ?? result.errorInstance}`,
      )
  }
  const written = changes(start, await contentById(stack))
  const pass = gaps.length === 0 && failures.length === 0 && written === '' && sent >= 500
  return {
    check: 'Fuzz',
    figure: `${sent} generated bad requests on ${Object.keys(FUZZED_ROUTES).length} route files, ${table.length} route methods → ${failures.length} failing; content ${written ? `CHANGED (${written})` : 'unchanged'}${gaps.length ? `; NOT FUZZED: ${gaps.join(', ')}` : ''}${failures.length ? `; shrunk failures: ${failures.join(' | ')}` : ''}`,
    target:
      'every route file and method under app/api; ≥ 500 requests → the answer each route owes (mostly 4xx JSON {error}), 0 × 5xx, nothing written',
    pass,
  }
}

/**
 * 4. PostgreSQL, the record, killed with SIGKILL while orders are being written, then restarted:
 * nothing acknowledged is lost, what was refused meanwhile (503, so Stripe retries) is recorded
 * on redelivery, and every order reaches its mirror in the lake.
 */
export async function crashSafety(stack: Stack): Promise<Figure> {
  const [productId, key] = ['product-silk-sleep-mask', 'navy']
  await stack.setStock(productId, key, 500)
  stack.setForwarding(false)
  const ids = await sessions(stack, 40, 9001, productId, key, true)
  const events = await pool(ids.length, 20, async (i) =>
    eventFor('checkout.session.completed', await stack.stripe.checkout.sessions.retrieve(ids[i])),
  )
  const acknowledged = new Set<string>()
  let killed = false
  const statuses = await pool(events.length, 8, async (i) => {
    const status = await deliver(events[i], stack.secrets.STRIPE_WEBHOOK_SECRET)
    if (status === 200) acknowledged.add(ids[i])
    if (acknowledged.size >= 12 && !killed) {
      killed = true
      await stack.killPostgres()
    }
    return status
  })
  const refusedWhileDown = statuses.filter((s) => s === 503).length
  const otherErrors = statuses.filter((s) => s >= 500 && s !== 503).length
  await stack.restartPostgres()
  const present = new Set(
    (await stack.query<{ id: string }>('select session_id as id from orders where session_id = any($1)', [ids])).map((row) => row.id),
  )
  const lostAcknowledged = [...acknowledged].filter((id) => !present.has(id)).length
  // Stripe retries what was not acknowledged; afterwards every session has exactly one order.
  await pool(events.length, 8, (i) => deliver(events[i], stack.secrets.STRIPE_WEBHOOK_SECRET))
  stack.setForwarding(true)
  const orders = await orderCount(stack, ids)
  const mirrored = await eventually(
    'every order mirrored into the lake',
    () => mirrorCount(stack, ids),
    (n) => n === ids.length,
    { timeoutMs: 60_000, intervalMs: 500 },
  ).catch(() => -1)
  const after = await stack.stock(productId, key)
  const pass =
    killed &&
    lostAcknowledged === 0 &&
    otherErrors === 0 &&
    orders === ids.length &&
    mirrored === ids.length &&
    after.onHand === 500 - ids.length &&
    after.held === 0
  return {
    check: 'Crash safety',
    figure: `PostgreSQL SIGKILLed after ${acknowledged.size} acknowledged orders → ${lostAcknowledged} lost; ${refusedWhileDown} deliveries answered 503 while it was down, ${otherErrors} other 5xx; after restart and redelivery ${orders}/${ids.length} orders, ${mirrored}/${ids.length} mirrored to the lake, on hand ${after.onHand} (expected ${500 - ids.length}), held ${after.held}`,
    target: '0 acknowledged orders lost, 503 (never another 5xx) while down, every order recorded once and mirrored, stock consistent',
    pass,
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** 5. No secret in the browser's code or any page; security headers; a cookie that cannot be forged. */
export async function secretsAndHeaders(stack: Stack): Promise<Figure> {
  const secretValues = Object.values(stack.secrets).filter((v) => v.length >= 16)
  const patterns = [
    /sk_(test|live)_[A-Za-z0-9]{8,}/,
    /whsec_[A-Za-z0-9]{8,}/,
    ...secretValues.map((v) => new RegExp(v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))),
  ]
  const leaks: string[] = []
  const staticFiles = filesUnder(join(stack.distDir, 'static'))
  for (const file of staticFiles) {
    const text = readFileSync(file, 'utf8')
    if (patterns.some((p) => p.test(text))) leaks.push(file)
  }
  const slugs = await stack.lakeClient.fetch<{ articles: string[]; products: string[] }>(
    '{ "articles": *[_type == "article"].slug.current, "products": *[_type == "product"].slug.current }',
  )
  const pages = [
    '/',
    '/articles',
    '/products',
    '/cart',
    '/studio',
    '/nowhere',
    ...slugs.articles.map((s) => `/articles/${s}`),
    ...slugs.products.map((s) => `/products/${s}`),
  ]
  const missingHeaders: string[] = []
  for (const page of pages) {
    const res = await fetch(`${SITE}${page}`)
    const html = await res.text()
    if (patterns.some((p) => p.test(html))) leaks.push(page)
    const csp = res.headers.get('content-security-policy') ?? ''
    const framing = page === '/studio' ? "frame-ancestors 'self'" : "frame-ancestors 'none'"
    if (!csp.includes(framing) || res.headers.get('x-content-type-options') !== 'nosniff' || !res.headers.get('referrer-policy'))
      missingHeaders.push(page)
  }
  const shopper = new Shopper(20001)
  const res = await fetch(`${SITE}/api/cart`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': shopper.address },
    body: JSON.stringify({ productId: 'product-cooling-pillow', variantKey: 'standard' }),
  })
  const cookie = res.headers.get('set-cookie') ?? ''
  const cookieFlags = /HttpOnly/i.test(cookie) && /SameSite=lax/i.test(cookie)
  const value = /rw_cart=([^;]+)/.exec(cookie)?.[1] ?? ''
  const [payload, signature] = value.split('.')
  const forgedPayload = Buffer.from(
    JSON.stringify({
      ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString() || '{}'),
      lines: [{ productId: 'product-cooling-pillow', variantKey: 'standard', quantity: 20 }],
    }),
  ).toString('base64url')
  const forged = await fetch(`${SITE}/api/cart`, {
    headers: { cookie: `rw_cart=${forgedPayload}.${signature}`, 'x-forwarded-for': shopper.address },
  })
  const forgedRejected = ((await forged.json()) as { cart: { lines: unknown[] } }).cart.lines.length === 0
  const draftStatus = (await fetch(`${SITE}/api/draft-mode/enable?redirect=/`, { redirect: 'manual' })).status
  const pass = leaks.length === 0 && missingHeaders.length === 0 && cookieFlags && forgedRejected && draftStatus === 401
  return {
    check: 'Secrets and headers',
    figure: `${staticFiles.length} static files + ${pages.length} pages scanned → ${leaks.length} leaks${leaks.length ? ` (${leaks.slice(0, 3).join(', ')})` : ''}; headers missing on ${missingHeaders.length}; cookie HttpOnly+SameSite ${cookieFlags ? 'yes' : 'NO'}; forged cookie ${forgedRejected ? 'rejected' : 'TRUSTED'}; draft mode without secret → ${draftStatus}`,
    target: '0 leaks, CSP/nosniff/Referrer-Policy/frame-ancestors everywhere, signed HttpOnly SameSite cookie, 401',
    pass,
  }
}

/** 6. One client hammering the cart and checkout gets 413 for huge bodies and 429 past its budget. */
export async function abuseLimits(): Promise<Figure> {
  const hog = new Shopper(30001)
  const big = await fetch(`${SITE}/api/cart`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': hog.address },
    body: JSON.stringify({ productId: 'x'.repeat(64_000) }),
  })
  const bigCheckout = await fetch(`${SITE}/api/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.250.0.1' },
    body: 'x'.repeat(64_000),
  })
  const cartStatuses = await pool(200, 20, () => hog.request('GET', '/api/cart'))
  const limited = cartStatuses.filter((r) => r.status === 429)
  const cartClear = limited.every((r) => typeof r.json?.error === 'string' && Number(r.retryAfter) > 0)
  const checkoutHog = new Shopper(30002)
  const checkoutStatuses = await pool(40, 10, () => checkoutHog.checkout())
  const checkoutLimited = checkoutStatuses.filter((r) => r.status === 429).length
  // Read from a refused answer itself: a moment later the bucket may already hold a token again.
  const retryAfter = limited[0]?.retryAfter ?? null
  const other = await new Shopper(30003).request('GET', '/api/cart')
  // A new address in one IPv6 /64 for every request is still one client.
  const rotating = await pool(200, 20, async (i) => {
    const res = await fetch(`${SITE}/api/cart`, { headers: { 'x-forwarded-for': `2001:db8:77:1:${(i + 1).toString(16)}::1` } })
    await res.body?.cancel()
    return res.status
  })
  const rotatingLimited = rotating.filter((status) => status === 429).length
  // Junk preview secrets each cost the store a lake query: past the budget they cost nothing.
  const drafts = await pool(30, 5, async () => {
    const res = await fetch(`${SITE}/api/draft-mode/enable?sanity-preview-secret=junk`, {
      headers: { 'x-forwarded-for': '10.250.0.2' },
      redirect: 'manual',
    })
    await res.body?.cancel()
    return res.status
  })
  const draftsLimited = drafts.filter((status) => status === 429).length
  const pass =
    big.status === 413 &&
    bigCheckout.status === 413 &&
    limited.length > 0 &&
    cartClear &&
    checkoutLimited > 0 &&
    Number(retryAfter) > 0 &&
    other.status === 200 &&
    rotatingLimited > 0 &&
    draftsLimited > 0
  return {
    check: 'Abuse limits',
    figure: `64 KB body → cart ${big.status}, checkout ${bigCheckout.status}; 200 cart requests from one client → ${limited.length} × 429 (Retry-After ${retryAfter}s); 40 checkouts → ${checkoutLimited} × 429; another client meanwhile → ${other.status}; 200 cart requests from 200 addresses of one IPv6 /64 → ${rotatingLimited} × 429; 30 junk draft-mode secrets → ${draftsLimited} × 429`,
    target: '413 for oversized bodies, 429 with Retry-After past the per-client budget (an IPv6 /64 is one client), others unaffected',
    pass,
  }
}

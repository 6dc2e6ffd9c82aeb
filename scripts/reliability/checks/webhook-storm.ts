import type { Stack } from '../stack'
import { checkoutSessions, confirmationsFor } from '../orders'
import { deliver, eventFor, pool, shuffle, type Figure } from '../util'

/** Stripe retries, reorders and parallelises webhooks: none of it may lose or duplicate an order. */
export async function webhookStorm(stack: Stack): Promise<Figure> {
  const [productId, key] = ['product-magnesium-glycinate', '60-caps']
  await stack.setStock(productId, key, 1000)
  stack.setForwarding(false)
  const paidIds = await checkoutSessions(stack, 200, 1, productId, key, true)
  const unpaidIds = await checkoutSessions(stack, 60, 1001, productId, key, false)
  await pool(unpaidIds.length, 20, (i) => stack.stripe.checkout.sessions.expire(unpaidIds[i]))
  const completed = await pool(paidIds.length, 20, async (i) =>
    eventFor(
      'checkout.session.completed',
      await stack.stripe.checkout.sessions.retrieve(paidIds[i]),
    ),
  )
  const expired = await pool(unpaidIds.length, 20, async (i) =>
    eventFor(
      'checkout.session.expired',
      await stack.stripe.checkout.sessions.retrieve(unpaidIds[i]),
    ),
  )

  const events = [...completed, ...expired]
  const copies = events.map(() => 1 + Math.floor(Math.random() * 5))
  const forged = 80
  while (copies.reduce((a, b) => a + b, 0) + forged < 1000) {
    const i = Math.floor(Math.random() * events.length)
    if (copies[i] < 5) copies[i]++
  }
  const deliveries = shuffle([
    ...events.flatMap((event, i) =>
      Array.from({ length: copies[i] }, () => ({ event, forge: false })),
    ),
    ...Array.from({ length: forged }, () => ({
      event: events[Math.floor(Math.random() * events.length)],
      forge: true,
    })),
  ])
  const statuses = await pool(deliveries.length, 20, (i) =>
    deliver(deliveries[i].event, stack.secrets.STRIPE_WEBHOOK_SECRET, {
      forge: deliveries[i].forge,
    }),
  )
  stack.setForwarding(true)

  const badRejected = statuses.filter((s, i) => deliveries[i].forge && s === 400).length
  const goodOk = statuses.filter((s, i) => !deliveries[i].forge && s === 200).length
  const serverErrors = statuses.filter((s) => s >= 500).length
  const perSession = await stack.query<{ id: string }>(
    'select session_id as id from orders where session_id = any($1)',
    [paidIds],
  )
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
    target:
      '≥1000 deliveries → 200 orders, 0 dup, 0 lost, all forged 400, on hand = initial − sold, one email per order',
    pass,
  }
}

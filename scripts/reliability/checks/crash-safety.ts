import { eventually } from '../../../lib/test/eventually'
import { checkoutSessions, mirrorCount, orderCount } from '../orders'
import type { Stack } from '../stack'
import { deliver, eventFor, pool, type Figure } from '../util'

/**
 * PostgreSQL, the record, killed with SIGKILL while orders are being written, then restarted:
 * nothing acknowledged is lost, what was refused meanwhile (503, so Stripe retries) is recorded
 * on redelivery, and every order reaches its mirror in the lake.
 */
export async function crashSafety(stack: Stack): Promise<Figure> {
  const [productId, key] = ['product-silk-sleep-mask', 'navy']
  await stack.setStock(productId, key, 500)
  stack.setForwarding(false)
  const ids = await checkoutSessions(stack, 40, 9001, productId, key, true)
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
    (
      await stack.query<{ id: string }>(
        'select session_id as id from orders where session_id = any($1)',
        [ids],
      )
    ).map((row) => row.id),
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
    target:
      '0 acknowledged orders lost, 503 (never another 5xx) while down, every order recorded once and mirrored, stock consistent',
    pass,
  }
}

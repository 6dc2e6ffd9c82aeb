import { eventually } from '../../../lib/test/eventually'
import { orderCount } from '../orders'
import { Shopper } from '../shopper'
import type { Stack } from '../stack'
import type { Figure } from '../util'

/** Ten units, two hundred buyers at once: never oversold, never below zero. */
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
      if (added.status !== 200)
        return { kind: 'refused', status: added.status, message: String(added.json?.error ?? '') }
      const checkout = await shopper.checkout()
      if (!checkout.url)
        return { kind: 'refused', status: checkout.status, message: checkout.error ?? '' }
      const paid = await shopper.pay(checkout.url)
      return {
        kind: paid.status === 303 ? 'paid' : 'unpaid',
        status: paid.status,
        sessionId: checkout.sessionId!,
        message: '',
      }
    }),
  )
  const paidIds = outcomes.flatMap((o) =>
    o.kind === 'paid' && 'sessionId' in o ? [o.sessionId as string] : [],
  )
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
  const clear409 = refusals.filter(
    (o) => o.status === 409 && /sold out|left|checking out/i.test(o.message),
  ).length
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

import { eventually } from '../../lib/test/eventually'
import { readInbox } from '../services'
import { Shopper } from './shopper'
import type { Stack } from './stack'
import { pool } from './util'

// What several checks ask of the store's orders: how many were recorded and mirrored, and emailed.

/** Orders recorded (in PostgreSQL, the record) for these Checkout Sessions. */
export const orderCount = async (stack: Stack, ids: string[]) =>
  (
    await stack.query<{ n: number }>(
      'select count(*)::int as n from orders where session_id = any($1)',
      [ids],
    )
  )[0].n
/** Their mirrors in the lake, which editors see in the Studio. */
export const mirrorCount = (stack: Stack, ids: string[]) =>
  stack.lakeClient.fetch<number>('count(*[_type == "order" && stripeSessionId in $ids])', { ids })

/** Opens `n` checkouts of one unit, each by its own shopper; pays them unless `pay` is false. */
export async function checkoutSessions(
  stack: Stack,
  n: number,
  firstShopper: number,
  productId: string,
  key: string,
  pay: boolean,
) {
  return pool(n, 20, async (i) => {
    const shopper = new Shopper(firstShopper + i)
    const added = await shopper.add(productId, key)
    if (added.status !== 200)
      throw new Error(`add to cart: ${added.status} ${JSON.stringify(added.json)}`)
    const checkout = await shopper.checkout()
    if (!checkout.url || !checkout.sessionId)
      throw new Error(`checkout: ${checkout.status} ${checkout.error}`)
    if (pay && (await shopper.pay(checkout.url)).status !== 303) throw new Error('payment failed')
    return checkout.sessionId
  })
}

/** How many of these sessions' orders got exactly one confirmation email, and how many more than one. */
export async function confirmationsFor(stack: Stack, sessionIds: string[]) {
  const numbers = (
    await stack.query<{ number: string }>(
      'select order_number as number from orders where session_id = any($1)',
      [sessionIds],
    )
  ).map((row) => row.number)
  const tally = async () => {
    const emails = await readInbox(stack.inbox)
    const counts = new Map<string, number>()
    for (const { subject } of emails) {
      const number = /RW-[0-9A-F]{8}/.exec(subject)?.[0]
      if (number) counts.set(number, (counts.get(number) ?? 0) + 1)
    }
    return {
      once: numbers.filter((n) => counts.get(n) === 1).length,
      more: numbers.filter((n) => (counts.get(n) ?? 0) > 1).length,
    }
  }
  await eventually(
    `a confirmation email for each of ${numbers.length} orders`,
    tally,
    ({ once, more }) => once + more >= numbers.length,
    {
      timeoutMs: 60_000,
      intervalMs: 500,
    },
  )
  await new Promise((r) => setTimeout(r, 1000)) // a second copy would have arrived by now
  return tally()
}

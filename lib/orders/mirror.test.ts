import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { priceCart } from '../cart/pricing'
import { startCheckout } from '../checkout/start'
import { cartWith, startBuyingStack } from '../test/buying-stack'
import { newClient } from '../test/clients'
import { eventually } from '../test/eventually'
import { WRITE_TOKEN } from '../../services/content-lake/test/harness'
import { payOnHostedPage } from '../../services/stripe-local/test/harness'
import { flushOutbox } from './outbox/deliver'

/**
 * The lake (or Sanity) refusing writes delays the editors' view of an order, never loses it: the
 * mirror is written by the outbox, which retries with backoff until it lands.
 */
let stack: Awaited<ReturnType<typeof startBuyingStack>>
const MASK = { productId: 'product-silk-sleep-mask', variantKey: 'navy' }

beforeAll(async () => {
  vi.stubEnv('OUTBOX_RETRY_MS', '100') // quick retries, so the test does not wait minutes
  stack = await startBuyingStack()
  await stack.setStock(MASK.productId, MASK.variantKey, 100)
})
afterAll(() => stack.stop())

const refuseMutations = (share: number) =>
  fetch(`${stack.lake.url}/v2025-02-19/_test/faults`, {
    method: 'POST',
    headers: { authorization: `Bearer ${WRITE_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ refuseMutations: share }),
  })

describe('the order mirror', () => {
  it('reaches the lake for every order while the lake answers 429 to half its writes', async () => {
    expect((await refuseMutations(0.5)).status).toBe(200)
    const ids: string[] = []
    for (let i = 0; i < 10; i++) {
      const cart = await cartWith([{ ...MASK, quantity: 1 }])
      const { url, sessionId } = await startCheckout(cart, await priceCart(cart), newClient())
      await payOnHostedPage(url)
      ids.push(sessionId)
    }
    await eventually(
      'every order recorded',
      async () =>
        (
          await stack.query('select count(*)::int as n from orders where session_id = any($1)', [
            ids,
          ])
        )[0].n,
      (n) => n === ids.length,
    )
    const mirrored = () =>
      stack.lake.client.fetch<number>('count(*[_type == "order" && stripeSessionId in $ids])', {
        ids,
      })
    await eventually(
      'every order mirrored despite the refusals',
      async () => {
        await flushOutbox()
        return mirrored()
      },
      (n) => n === ids.length,
      { timeoutMs: 30_000, intervalMs: 100 },
    )
    const [{ retried, failed }] = await stack.query(
      `select count(*) filter (where attempts > 1)::int as retried, count(*) filter (where failed_at is not null)::int as failed
       from outbox where topic = 'order_mirror'`,
    )
    expect(retried).toBeGreaterThan(0) // the lake did refuse some, and the outbox tried again
    expect(failed).toBe(0)
    await refuseMutations(0)
  })
})

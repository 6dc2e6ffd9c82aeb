import { createHash } from 'node:crypto'
import Stripe from 'stripe'
import { SITE } from './stack'

export type Figure = { check: string; figure: string; target: string; pass: boolean }

/** Runs `task` for 0…n-1 with at most `concurrency` in flight. */
export async function pool<T>(
  n: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(n)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++
        results[i] = await task(i)
      }
    }),
  )
  return results
}

export function shuffle<T>(items: T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

const signer = new Stripe('sk_test_signer_only').webhooks

/** Delivers an event to the store's webhook the way Stripe does: freshly signed raw JSON. */
export async function deliver(event: object, secret: string, { forge = false, site = SITE } = {}) {
  const payload = JSON.stringify(event)
  let header = signer.generateTestHeaderString({ payload, secret })
  if (forge)
    header = header.replace(/v1=([0-9a-f])/, (_, c: string) => `v1=${c === '0' ? '1' : '0'}`)
  const res = await fetch(`${site}/api/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': header },
    body: payload,
  })
  await res.arrayBuffer()
  return res.status
}

export function eventFor(type: string, session: Stripe.Checkout.Session) {
  return {
    id: `evt_rel_${createHash('sha1').update(`${type}${session.id}`).digest('hex').slice(0, 20)}`,
    object: 'event',
    type,
    created: Math.floor(Date.now() / 1000),
    data: { object: session },
  }
}

export const sha256 = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex')

import Stripe from 'stripe'
import { nowSeconds, stripeId } from './ids'
import type { StripeEvent } from './state'

const API_VERSION = '2026-10-28.endive'
const signer = new Stripe('sk_test_signing_only').webhooks

export function makeEvent(type: string, object: unknown): StripeEvent {
  return {
    id: stripeId('evt'),
    object: 'event',
    api_version: API_VERSION,
    created: nowSeconds(),
    type,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  }
}

/**
 * Delivers events to one endpoint like Stripe: JSON body, `Stripe-Signature` computed over the
 * exact bytes sent (via stripe-node's own signer), retried with exponential backoff on a non-2xx
 * answer or a network error. Each retry is freshly timestamped and signed.
 */
export class WebhookSender {
  private readonly timers = new Set<NodeJS.Timeout>()
  private inFlight = 0

  constructor(
    private readonly target: string,
    private readonly secret: string,
    private readonly options: { baseDelayMs: number; maxAttempts: number },
  ) {}

  send(event: StripeEvent, attempt = 1) {
    void this.deliver(event, attempt)
  }

  get pending() {
    return this.timers.size + this.inFlight
  }

  stop() {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  private async deliver(event: StripeEvent, attempt: number) {
    const payload = JSON.stringify(event, null, 2)
    const header = signer.generateTestHeaderString({
      payload,
      secret: this.secret,
      timestamp: nowSeconds(),
    })
    let ok = false
    this.inFlight++
    try {
      const res = await fetch(this.target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': header,
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
        body: payload,
        signal: AbortSignal.timeout(20_000),
      })
      ok = res.ok
      await res.arrayBuffer()
      if (!ok)
        console.warn(
          `[stripe-local] ${event.type} ${event.id} → ${res.status} (attempt ${attempt})`,
        )
    } catch (error) {
      console.warn(
        `[stripe-local] ${event.type} ${event.id} → ${(error as Error).message} (attempt ${attempt})`,
      )
    } finally {
      this.inFlight--
    }
    if (ok || attempt >= this.options.maxAttempts) return
    const timer = setTimeout(
      () => {
        this.timers.delete(timer)
        this.send(event, attempt + 1)
      },
      this.options.baseDelayMs * 2 ** (attempt - 1),
    )
    this.timers.add(timer)
  }
}

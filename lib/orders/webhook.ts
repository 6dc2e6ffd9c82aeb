import 'server-only'
import type Stripe from 'stripe'
import { eq } from 'drizzle-orm'
import { db } from '../db/client'
import { stripeEvents } from '../db/schema'
import { config } from '../env'
import { stripe } from '../payments/stripe'
import { changedOrder, handleStripeEvent, type Outcome } from './fulfil'
import { orderIdFor } from './order-doc'

export type WebhookResult = {
  status: number
  body: { error: string } | { received: true; outcome: Outcome }
  /** The order this delivery recorded or changed: its outbox work (email, mirror) is due now. */
  orderId?: string
}

/**
 * Verifies a Stripe webhook on its raw bytes, then handles it. The caller reads those bytes under
 * `LIMITS.webhook`. Nothing is read from an event whose signature does not match; a handler
 * failure throws, so the route answers 500 and Stripe retries (handling is idempotent).
 */
export async function processStripeWebhook(
  raw: string,
  signature: string | null,
): Promise<WebhookResult> {
  const reject = (status: number, error: string): WebhookResult => ({ status, body: { error } })
  if (!signature) return reject(400, 'Missing Stripe-Signature header')
  let event: Stripe.Event
  try {
    event = stripe().webhooks.constructEvent(raw, signature, config().stripe.webhookSecret)
  } catch {
    return reject(400, 'Invalid signature')
  }
  // A redelivery of an event already handled is answered from the record, without asking Stripe.
  const [seen] = await db()
    .select({ outcome: stripeEvents.outcome })
    .from(stripeEvents)
    .where(eq(stripeEvents.id, event.id))
  if (seen) return { status: 200, body: { received: true, outcome: 'duplicate' } }
  const outcome = await handleStripeEvent(event)
  await db()
    .insert(stripeEvents)
    .values({ id: event.id, type: event.type, outcome })
    .onConflictDoNothing()
  return {
    status: 200,
    body: { received: true, outcome },
    // A charge's change is mirrored by the outbox's next round; a session's order is followed up at once.
    orderId:
      changedOrder(outcome) && event.type.startsWith('checkout.session.')
        ? orderIdFor((event.data.object as Stripe.Checkout.Session).id)
        : undefined,
  }
}

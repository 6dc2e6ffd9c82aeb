import { after, NextResponse, type NextRequest } from 'next/server'
import { LIMITS, readText } from '@/lib/http/body'
import { methodNotAllowed, route } from '@/lib/http/errors'
import { deliverFollowUps } from '@/lib/orders/outbox/deliver'
import { processStripeWebhook } from '@/lib/orders/webhook'

export const dynamic = 'force-dynamic'

/** Stripe webhook: verified on the raw body (read under the webhook size limit), never on re-serialised JSON. */
export const POST = route(async (req: NextRequest) => {
  const result = await processStripeWebhook(
    await readText(req, LIMITS.webhook),
    req.headers.get('stripe-signature'),
  )
  // After the answer: mail and the lake's mirror must never hold up or fail the webhook. The outbox retries a failure.
  const orderId = result.orderId
  if (orderId) after(() => deliverFollowUps(orderId))
  return NextResponse.json(result.body, { status: result.status })
})

export {
  methodNotAllowed as GET,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
}

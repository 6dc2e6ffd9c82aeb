import { OrderConfirmationEmail } from '../mail/OrderConfirmationEmail'
import { sendEmail } from '../mail/send'
import { orderUrl } from './link'
import { mirrorOrder } from './mirror'
import { drain } from './outbox'
import { orderById, type Order } from './records'

/**
 * The order's follow-up work, from the outbox (lib/orders/outbox.ts): the confirmation email and
 * the mirror in the lake. Both are queued in the transaction that records the order, so an order
 * never exists without them and a redelivered webhook (which records nothing) never adds more.
 */
export type Delivery = 'sent' | 'retry_later' | 'failed' | 'not_due'

/** The order email, to the order's own address: a confirmation, or the link again for "Find my order". */
function sendOrderEmail(order: Order & { email: string }, reason: 'confirmation' | 'lookup') {
  return sendEmail({
    to: order.email,
    subject: `Your Restwell order ${order.orderNumber}`,
    body: <OrderConfirmationEmail order={order} orderUrl={orderUrl(order.id)} reason={reason} />,
  })
}

async function sendConfirmation(orderId: string) {
  const order = await orderById(orderId)
  if (!order?.email) throw new Error('The order has no email address')
  await sendOrderEmail({ ...order, email: order.email }, 'confirmation')
}

/** Sends this order's confirmation now if it is due (right after the webhook recorded it). */
export async function deliverConfirmation(orderId: string, now = new Date()): Promise<Delivery> {
  const [job] = await drain('order_email', sendConfirmation, { now, limit: 1, only: orderId })
  if (!job) return 'not_due'
  return job.result === 'done' ? 'sent' : job.result
}

/** The mirror is retried until it lands (a lake or Sanity outage only delays it); an email gives up after MAX_ATTEMPTS. */
const MIRROR = { maxAttempts: Infinity }

/** Mirrors this order into the lake now (right after the webhook recorded or changed it). */
export async function deliverMirror(orderId: string) {
  await drain('order_mirror', mirrorOrder, { ...MIRROR, limit: 5, only: orderId })
}

/**
 * An order's follow-up work, run right after whoever recorded or changed it answered (the webhook,
 * or the success page when it got there first): the mirror, then the email. A failure stays in
 * the outbox, which retries it.
 */
export async function deliverFollowUps(orderId: string) {
  await deliverMirror(orderId).catch((error) => console.warn(`[outbox] mirror ${orderId}: ${error}`))
  await deliverConfirmation(orderId).catch((error) => console.warn(`[outbox] email ${orderId}: ${error}`))
}

/** Everything due in the outbox: first tries that were missed, and retries. */
export async function flushOutbox(now = new Date()): Promise<Delivery[]> {
  const mirrored = await drain('order_mirror', mirrorOrder, { ...MIRROR, now })
  const emailed = await drain('order_email', sendConfirmation, { now })
  return [...mirrored, ...emailed].map((job) => (job.result === 'done' ? 'sent' : job.result))
}

/** Sends the order again to its own address, for "Find my order". Not part of the outbox. */
export async function resendOrderLink(orderId: string) {
  const order = await orderById(orderId)
  if (order?.email) await sendOrderEmail({ ...order, email: order.email }, 'lookup')
}

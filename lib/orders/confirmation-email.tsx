import { writeClient } from '../content/client'
import { OrderConfirmationEmail, type EmailOrder } from '../mail/OrderConfirmationEmail'
import { sendEmail } from '../mail/send'
import { DUE_EMAILS_QUERY, ORDER_EMAIL_QUERY } from '@/sanity/queries'
import { orderUrl } from './link'

/**
 * The confirmation email's outbox lives on the order (`confirmationEmail`): written as
 * `pending` in the transaction that creates the order, so an order never exists without it and
 * a redelivered webhook (which creates nothing) never adds a second one. Whoever sends first
 * claims the entry against the order's revision; the others see a conflict and stand back.
 */
/** The lake answers 409 when the revision we read has changed: another sender claimed the entry. */
const isConflict = (error: unknown) => (error as { statusCode?: number })?.statusCode === 409

export const MAX_ATTEMPTS = 8
/** A claim older than this belongs to a sender that died mid-send: the entry is due again. */
const CLAIM_MS = 2 * 60_000

export const retryDelayMs = (attempts: number) => Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1))

export type Delivery = 'sent' | 'retry_later' | 'failed' | 'not_due' | 'claimed_elsewhere'

/** The order email, to the order's own address: a confirmation, or the link again for "Find my order". */
function sendOrderEmail(order: EmailOrder & { email: string }, reason: 'confirmation' | 'lookup') {
  return sendEmail({
    to: order.email,
    subject: `Your Restwell order ${order.orderNumber}`,
    body: <OrderConfirmationEmail order={order} orderUrl={orderUrl(order._id)} reason={reason} />,
  })
}

export async function deliverConfirmation(orderId: string, now = new Date()): Promise<Delivery> {
  const client = writeClient()
  const order = await client.fetch(ORDER_EMAIL_QUERY, { id: orderId }, { cache: 'no-store' })
  const entry = order?.confirmationEmail
  if (!order || !entry || (entry.status !== 'pending' && entry.status !== 'sending')) return 'not_due'
  if (entry.nextAttemptAt && Date.parse(entry.nextAttemptAt) > now.getTime()) return 'not_due'

  const attempts = (entry.attempts ?? 0) + 1
  try {
    await client
      .patch(order._id)
      .ifRevisionId(order._rev)
      .set({
        'confirmationEmail.status': 'sending',
        'confirmationEmail.attempts': attempts,
        'confirmationEmail.claimedAt': now.toISOString(),
        'confirmationEmail.nextAttemptAt': new Date(now.getTime() + CLAIM_MS).toISOString(),
      })
      .commit({ visibility: 'sync' })
  } catch (error) {
    if (isConflict(error)) return 'claimed_elsewhere'
    throw error
  }

  try {
    if (!order.email) throw new Error('The order has no email address')
    const messageId = await sendOrderEmail({ ...order, email: order.email }, 'confirmation')
    await client
      .patch(order._id)
      .set({
        'confirmationEmail.status': 'sent',
        'confirmationEmail.sentAt': new Date().toISOString(),
        'confirmationEmail.messageId': messageId ?? '',
      })
      .unset(['confirmationEmail.nextAttemptAt', 'confirmationEmail.claimedAt'])
      .commit({ visibility: 'sync' })
    return 'sent'
  } catch (error) {
    const failed = attempts >= MAX_ATTEMPTS || !order.email
    await client
      .patch(order._id)
      .set({
        'confirmationEmail.status': failed ? 'failed' : 'pending',
        'confirmationEmail.lastError': String((error as Error)?.message ?? error).slice(0, 500),
        'confirmationEmail.nextAttemptAt': new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
      })
      .commit({ visibility: 'sync' })
    console.warn(`[outbox] confirmation for ${order.orderNumber}: attempt ${attempts} failed (${(error as Error)?.message})`)
    return failed ? 'failed' : 'retry_later'
  }
}

/** Sends every confirmation that is due: first tries that were missed, and retries. */
export async function flushOutbox(now = new Date()) {
  const due = await writeClient().fetch(DUE_EMAILS_QUERY, { now: now.toISOString() }, { cache: 'no-store' })
  const results: Delivery[] = []
  for (const id of due) results.push(await deliverConfirmation(id, now))
  return results
}

/** Sends the order again to its own address, for "Find my order". Not part of the outbox. */
export async function resendOrderLink(orderId: string) {
  const order = await writeClient().fetch(ORDER_EMAIL_QUERY, { id: orderId }, { cache: 'no-store' })
  if (order?.email) await sendOrderEmail({ ...order, email: order.email }, 'lookup')
}

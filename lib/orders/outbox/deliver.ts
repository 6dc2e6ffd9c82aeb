import 'server-only'
import { eq } from 'drizzle-orm'
import { db } from '../../db/client'
import { orders } from '../../db/schema'
import { sendOrderEmail, sendPaymentFailed } from '../emails'
import { mirrorOrder } from '../mirror'
import { orderById } from '../records'
import { drain, enqueue, hasPendingJob, requeueFailed, type Job, type Topic } from './queue'

/**
 * The order's follow-up work, from the outbox (./queue.ts): the emails to the buyer and the
 * mirror in the lake. Each is queued in the transaction that caused it (the order recorded,
 * refunded, a payment failed), so it happens once, and a redelivered webhook (which changes
 * nothing) never adds more.
 */
export type Delivery = 'sent' | 'retry_later' | 'failed' | 'not_due'

/**
 * Records what became of the order's latest email, for the Studio: its mirror is written again,
 * unless a mirror job still to run will read the change anyway (the first one usually does).
 */
async function recordEmailStatus(orderId: string, status: 'sent' | 'failed') {
  await db().transaction(async (tx) => {
    const [changed] = await tx
      .update(orders)
      .set({ emailStatus: status, updatedAt: new Date() })
      .where(eq(orders.id, orderId))
      .returning({ id: orders.id })
    if (changed && !(await hasPendingJob(tx, 'order_mirror', orderId)))
      await enqueue(tx, 'order_mirror', orderId)
  })
}

const orderEmail = (reason: 'confirmation' | 'refund') => async (orderId: string) => {
  const order = await orderById(orderId)
  if (!order?.email) throw new Error('The order has no email address')
  await sendOrderEmail({ ...order, email: order.email }, reason)
  await recordEmailStatus(orderId, 'sent')
}

const markFailed = (job: Job) => recordEmailStatus(job.subject, 'failed')

/** Every email topic, how it is sent, and what a final failure marks. */
const EMAILS = {
  order_email: { handler: orderEmail('confirmation'), onGiveUp: markFailed },
  refund_email: { handler: orderEmail('refund'), onGiveUp: markFailed },
  payment_failed_email: { handler: sendPaymentFailed, onGiveUp: undefined },
} satisfies Partial<
  Record<
    Topic,
    { handler: (subject: string) => Promise<void>; onGiveUp?: (job: Job) => Promise<void> }
  >
>

type EmailTopic = keyof typeof EMAILS
const EMAIL_TOPICS = Object.keys(EMAILS) as EmailTopic[]
/** The emails an order's buyer is sent at its address (a confirmation, or a refund for shortage). */
export const ORDER_EMAIL_TOPICS = ['order_email', 'refund_email'] as const

const drainEmails = (topic: EmailTopic, options: { now?: Date; limit?: number; only?: string }) =>
  drain(topic, EMAILS[topic].handler, { ...options, onGiveUp: EMAILS[topic].onGiveUp })

/** Sends this order's due emails now (right after the webhook recorded or refunded it). */
export async function deliverOrderEmails(orderId: string, now = new Date()): Promise<Delivery> {
  const jobs = []
  for (const topic of ORDER_EMAIL_TOPICS)
    jobs.push(...(await drainEmails(topic, { now, limit: 1, only: orderId })))
  if (jobs.length === 0) return 'not_due'
  return jobs.every((job) => job.result === 'done')
    ? 'sent'
    : jobs.some((job) => job.result === 'failed')
      ? 'failed'
      : 'retry_later'
}

/** The mirror is retried until it lands (a lake or Sanity outage only delays it); an email gives up after a day. */
const MIRROR = { giveUpAfterMs: Infinity }

/** Mirrors this order into the lake now (right after the webhook recorded or changed it). */
async function deliverMirror(orderId: string) {
  await drain('order_mirror', mirrorOrder, { ...MIRROR, limit: 5, only: orderId })
}

/**
 * An order's follow-up work, run right after whoever recorded or changed it answered (the webhook,
 * or the success page when it got there first): the emails, then the mirror, which then shows
 * how the email went. A failure stays in the outbox, which retries it.
 */
export async function deliverFollowUps(orderId: string) {
  await deliverOrderEmails(orderId).catch((error) =>
    console.warn(`[outbox] email ${orderId}: ${error}`),
  )
  await deliverMirror(orderId).catch((error) =>
    console.warn(`[outbox] mirror ${orderId}: ${error}`),
  )
}

/** Everything due in the outbox: first tries that were missed, and retries. */
export async function flushOutbox(now = new Date()): Promise<Delivery[]> {
  const jobs = []
  for (const topic of EMAIL_TOPICS) jobs.push(...(await drainEmails(topic, { now })))
  jobs.push(...(await drain('order_mirror', mirrorOrder, { ...MIRROR, now })))
  return jobs.map((job) => (job.result === 'done' ? 'sent' : job.result))
}

/** Queues emails the outbox gave up on again (all of them, or those for these orders or sessions). */
export const retryFailedEmails = (subjects: string[] = []) => requeueFailed(EMAIL_TOPICS, subjects)

/**
 * Deleting an account, in two steps. At once: the account, its addresses and sessions go (one
 * transaction; the same email then starts a new, empty account). Queued: its orders lose the
 * buyer's email, name and address, in PostgreSQL and then in the Studio's mirror, keeping what
 * the books need (amounts, lines, dates); and its Stripe Customer is deleted. The queued step
 * waits while one of its checkouts is still being paid, so that order completes first, then loses
 * its data.
 */
import 'server-only'
import { and, eq, inArray, isNull } from 'drizzle-orm'
import { db } from '../db/client'
import { authUsers, holds, orders, outbox } from '../db/schema'
import { ORDER_EMAIL_TOPICS } from '../orders/outbox/deliver'
import { drain, enqueue } from '../orders/outbox/queue'
import { isStripeError, stripe } from '../payments/stripe'
import { erasureOf, queueErasure } from './erasure-job'
import { mirrorNow } from './mirrors'

/** Deletes the account now and queues the erasure of its data; false when there was no such account. */
export async function deleteAccount(accountId: string) {
  const subject = await db().transaction(async (tx) => {
    const [gone] = await tx
      .delete(authUsers)
      .where(eq(authUsers.id, accountId))
      .returning({ id: authUsers.id, customerId: authUsers.stripeCustomerId })
    if (!gone) return null
    return queueErasure(tx, gone.id, gone.customerId)
  })
  if (!subject) return false
  // Done now when nothing is being paid; otherwise the job runner retries it.
  await eraseDueAccounts(new Date(), subject).catch((error) =>
    console.warn(`[accounts] erasure queued: ${error}`),
  )
  return true
}

/** Erases a deleted account's data from its orders; throws (to be retried) while one of its checkouts is open. */
async function eraseAccountData(subject: string) {
  const { accountId, customerId } = erasureOf(subject)
  const [paying] = await db()
    .select({ id: holds.id })
    .from(holds)
    .where(and(eq(holds.accountId, accountId), eq(holds.status, 'open')))
    .limit(1)
  if (paying) throw new Error('a checkout of this account is still open: its order completes first')
  // Its confirmation (or refund notice) goes to the buyer before the address is taken out of the order.
  const [confirming] = await db()
    .select({ id: outbox.id })
    .from(outbox)
    .innerJoin(orders, eq(orders.id, outbox.subject))
    .where(
      and(
        eq(orders.accountId, accountId),
        inArray(outbox.topic, [...ORDER_EMAIL_TOPICS]),
        isNull(outbox.doneAt),
        isNull(outbox.failedAt),
      ),
    )
    .limit(1)
  if (confirming) throw new Error('an order of this account still has an email to send')
  const erased = await db().transaction(async (tx) => {
    const rows = await tx
      .update(orders)
      .set({ email: null, shippingAddress: null, accountId: null, updatedAt: new Date() })
      .where(eq(orders.accountId, accountId))
      .returning({ id: orders.id })
    for (const { id } of rows) await enqueue(tx, 'order_mirror', id)
    return rows.map((row) => row.id)
  })
  if (customerId) {
    await stripe()
      .customers.del(customerId)
      .catch((error) => {
        if (!(isStripeError(error) && error.code === 'resource_missing')) throw error
      })
  }
  await mirrorNow(erased)
}

/** Runs due erasures (all, or the one for `only`); retried until done, however long a payment takes. */
export const eraseDueAccounts = (now = new Date(), only?: string) =>
  drain('account_erase', eraseAccountData, { now, only, giveUpAfterMs: Infinity })

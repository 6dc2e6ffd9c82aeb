import 'server-only'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Tx } from '../db/client'
import { outbox } from '../db/schema'
import { enqueue } from '../orders/outbox/queue'

/** What an `account_erase` job erases: the deleted account's orders, and its Stripe Customer if it had one. */
const erasure = z.object({ accountId: z.string().min(1), customerId: z.string().nullable() })

export const erasureOf = (subject: string) => erasure.parse(JSON.parse(subject))

/** Queues the erasure in the caller's transaction; returns the job's subject. */
export async function queueErasure(tx: Tx, accountId: string, customerId: string | null) {
  const subject = JSON.stringify(erasure.parse({ accountId, customerId }))
  await enqueue(tx, 'account_erase', subject)
  return subject
}

/** Whether an erasure of this account is still to run (queued, waiting on a payment, or retrying). */
export async function erasurePending(tx: Tx, accountId: string) {
  const [job] = await tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.topic, 'account_erase'),
        sql`(${outbox.subject}::jsonb ->> 'accountId') = ${accountId}`,
        isNull(outbox.doneAt),
        isNull(outbox.failedAt),
      ),
    )
    .limit(1)
  return Boolean(job)
}

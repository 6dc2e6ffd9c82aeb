import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm'
import { db, type Tx } from '../db/client'
import { outbox } from '../db/schema'
import { config } from '../env'

export type Topic = (typeof outbox.$inferInsert)['topic']

/** Queues work in the caller's transaction: it exists if and only if what caused it was committed. */
export async function enqueue(tx: Tx, topic: Topic, subject: string) {
  await tx.insert(outbox).values({ topic, subject })
}

export const MAX_ATTEMPTS = 8
/** Backoff after a failed attempt: OUTBOX_RETRY_MS (30 s by default), doubling, at most an hour. */
export const retryDelayMs = (attempts: number) => Math.min(60 * 60_000, config().mail.retryMs * 2 ** Math.max(0, attempts - 1))
/** How long a claim lasts: a worker that dies mid-job leaves it due again after this (and no job takes this long). */
const claimMs = () => Math.max(10_000, 4 * config().mail.retryMs)

export type Handler = (subject: string) => Promise<void>
export type JobResult = { id: number; topic: Topic; subject: string; result: 'done' | 'retry_later' | 'failed' }

/**
 * Runs due jobs of `topic`: each is claimed in its own short transaction (FOR UPDATE SKIP LOCKED,
 * then its time pushed past the claim), so any number of instances can drain at once and a job
 * runs on one of them. Done, it is marked done; failed, it is due again after a backoff, until
 * `maxAttempts`.
 */
export async function drain(
  topic: Topic,
  handler: Handler,
  {
    now = new Date(),
    limit = 20,
    only,
    maxAttempts = MAX_ATTEMPTS,
  }: { now?: Date; limit?: number; only?: string; maxAttempts?: number } = {},
) {
  const results: JobResult[] = []
  for (let i = 0; i < limit; i++) {
    const job = await claim(topic, now, only)
    if (!job) break
    try {
      await handler(job.subject)
      await db().update(outbox).set({ doneAt: new Date(), lastError: null }).where(eq(outbox.id, job.id))
      results.push({ id: job.id, topic, subject: job.subject, result: 'done' })
    } catch (error) {
      const failed = job.attempts >= maxAttempts
      await db()
        .update(outbox)
        .set({
          lastError: String((error as Error)?.message ?? error).slice(0, 500),
          runAfter: new Date(Date.now() + retryDelayMs(job.attempts)),
          ...(failed ? { failedAt: new Date() } : {}),
        })
        .where(eq(outbox.id, job.id))
      console.warn(`[outbox] ${topic} ${job.subject}: attempt ${job.attempts} failed (${(error as Error)?.message})`)
      results.push({ id: job.id, topic, subject: job.subject, result: failed ? 'failed' : 'retry_later' })
    }
  }
  return results
}

async function claim(topic: Topic, now: Date, only?: string) {
  return db().transaction(async (tx) => {
    const [job] = await tx
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.topic, topic),
          isNull(outbox.doneAt),
          isNull(outbox.failedAt),
          lte(outbox.runAfter, now),
          only ? eq(outbox.subject, only) : undefined,
        ),
      )
      .orderBy(asc(outbox.runAfter), asc(outbox.id))
      .limit(1)
      .for('update', { skipLocked: true })
    if (!job) return null
    const [claimed] = await tx
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, runAfter: new Date(now.getTime() + claimMs()) })
      .where(eq(outbox.id, job.id))
      .returning()
    return claimed
  })
}

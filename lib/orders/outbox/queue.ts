import 'server-only'
import { and, asc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import { db, type Tx } from '../../db/client'
import { outbox } from '../../db/schema'
import { config } from '../../env'

export type Topic = (typeof outbox.$inferInsert)['topic']

/** Queues work in the caller's transaction: it exists if and only if what caused it was committed. */
export async function enqueue(tx: Tx, topic: Topic, subject: string) {
  await tx.insert(outbox).values({ topic, subject })
}

/**
 * An email is retried for a day from when it was queued (an SMTP outage over a weekend night still
 * delivers it), then given up: logged as `[outbox] gave up`, and re-queued with `npm run outbox:retry`.
 */
const EMAIL_GIVE_UP_AFTER_MS = 24 * 60 * 60_000
/** Backoff after a failed attempt: OUTBOX_RETRY_MS (30 s by default), doubling, at most an hour. */
const retryDelayMs = (attempts: number) =>
  Math.min(60 * 60_000, config().mail.retryMs * 2 ** Math.max(0, attempts - 1))
/** How long a claim lasts: a worker that dies mid-job leaves it due again after this (and no job takes this long). */
const claimMs = () => Math.max(10_000, 4 * config().mail.retryMs)

export type Job = typeof outbox.$inferSelect
export type Handler = (subject: string) => Promise<void>
type JobResult = {
  id: number
  topic: Topic
  subject: string
  result: 'done' | 'retry_later' | 'failed'
}
export type DrainOptions = {
  now?: Date
  limit?: number
  only?: string
  /** Retried until this long after the job was queued; Infinity: until it succeeds. */
  giveUpAfterMs?: number
  /** Runs once when the job is given up, so what it was for can show that. */
  onGiveUp?: (job: Job) => Promise<void>
}

/**
 * Runs due jobs of `topic`: each is claimed in its own short transaction (FOR UPDATE SKIP LOCKED,
 * then its time pushed past the claim), so any number of instances can drain at once and a job
 * runs on one of them. Done, it is marked done; failed, it is due again after a backoff, until
 * `giveUpAfterMs` has passed since it was queued.
 */
export async function drain(
  topic: Topic,
  handler: Handler,
  {
    now = new Date(),
    limit = 20,
    only,
    giveUpAfterMs = EMAIL_GIVE_UP_AFTER_MS,
    onGiveUp,
  }: DrainOptions = {},
) {
  const results: JobResult[] = []
  for (let i = 0; i < limit; i++) {
    const job = await claim(topic, now, only)
    if (!job) break
    try {
      await handler(job.subject)
      await db()
        .update(outbox)
        .set({ doneAt: new Date(), lastError: null })
        .where(eq(outbox.id, job.id))
      results.push({ id: job.id, topic, subject: job.subject, result: 'done' })
    } catch (error) {
      const message = String((error as Error)?.message ?? error).slice(0, 500)
      const failed = now.getTime() - job.createdAt.getTime() >= giveUpAfterMs
      await db()
        .update(outbox)
        .set({
          lastError: message,
          runAfter: new Date(now.getTime() + retryDelayMs(job.attempts)),
          ...(failed ? { failedAt: now } : {}),
        })
        .where(eq(outbox.id, job.id))
      if (failed) {
        console.error(
          `[outbox] gave up: ${topic} ${job.subject} after ${job.attempts} attempts since ${job.createdAt.toISOString()} (${message}); queue it again with \`npm run outbox:retry -- ${job.subject}\``,
        )
        await onGiveUp?.(job)
      } else
        console.warn(
          `[outbox] ${topic} ${job.subject}: attempt ${job.attempts} failed (${message})`,
        )
      results.push({
        id: job.id,
        topic,
        subject: job.subject,
        result: failed ? 'failed' : 'retry_later',
      })
    }
  }
  return results
}

/**
 * Queues jobs that were given up again, as if new (a fresh day of retries): every failed job of
 * these topics, or only those for `subjects`. Returns the jobs queued.
 */
export async function requeueFailed(topics: Topic[], subjects: string[] = []) {
  return db()
    .update(outbox)
    .set({ failedAt: null, attempts: 0, runAfter: sql`now()`, createdAt: sql`now()` })
    .where(
      and(
        inArray(outbox.topic, topics),
        isNotNull(outbox.failedAt),
        isNull(outbox.doneAt),
        subjects.length > 0 ? inArray(outbox.subject, subjects) : undefined,
      ),
    )
    .returning({ id: outbox.id, topic: outbox.topic, subject: outbox.subject })
}

/** Whether `subject` has a `topic` job still to run (queued, retrying or claimed). */
export async function hasPendingJob(tx: Tx, topic: Topic, subject: string) {
  const [job] = await tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.topic, topic),
        eq(outbox.subject, subject),
        isNull(outbox.doneAt),
        isNull(outbox.failedAt),
      ),
    )
    .limit(1)
  return Boolean(job)
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

import { sql } from 'drizzle-orm'
import { releaseLapsedHolds } from '../checkout/holds'
import { db } from '../db/client'
import { rateLimits } from '../db/schema'
import { flushOutbox } from '../orders/confirmation-email'

/**
 * The store's background work, safe to run from any number of instances at once (each step
 * claims its rows): release holds whose checkout lapsed, send due emails, forget expired rate-limit
 * counters. A timer runs it on a long-lived server; on a serverless host a scheduler calls the
 * signed route /api/jobs.
 */
export async function runBackgroundJobs(now = new Date()) {
  const released = await releaseLapsedHolds(now)
  const emails = await flushOutbox(now)
  const forgotten = await db()
    .delete(rateLimits)
    .where(sql`${rateLimits.expire} < ${now.getTime() - 60 * 60_000}`)
  return { releasedHolds: released, emails: emails.length, expiredRateLimits: forgotten.rowCount ?? 0 }
}

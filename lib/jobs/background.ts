import 'server-only'
import { sql } from 'drizzle-orm'
import { eraseDueAccounts } from '../accounts/erase'
import { pruneExpiredSignIns } from '../accounts/prune'
import { releaseLapsedHolds } from '../checkout/holds'
import { db } from '../db/client'
import { rateLimits } from '../db/schema'
import { catchMissedPublish } from '../content/live/server-content-version'
import { flushOutbox } from '../orders/outbox/deliver'
import { pruneOldRows } from './prune'

/**
 * The store's background work, safe to run from any number of instances at once (each step
 * claims its rows): release holds whose checkout lapsed, send due emails, forget expired rate-limit
 * counters, prune old finished rows (prune.ts), and catch a publish whose content webhook was lost
 * (lib/content/live/server-content-version.ts). A timer runs it on a long-lived server; on a
 * serverless host a scheduler calls the signed route /api/jobs.
 */
export async function runBackgroundJobs(now = new Date()) {
  const released = await releaseLapsedHolds(now)
  // Before the outbox: an erasure queues the mirrors it changes, which the flush then writes.
  const erasures = await eraseDueAccounts(now)
  const emails = await flushOutbox(now)
  const forgotten = await db()
    .delete(rateLimits)
    .where(sql`${rateLimits.expire} < ${now.getTime() - 60 * 60_000}`)
  const pruned = await pruneOldRows(now)
  const signIns = await pruneExpiredSignIns(now)
  // The lake being down must not stop the commerce jobs above, which need only PostgreSQL.
  const content = await catchMissedPublish(now).catch((error) => {
    console.warn(
      `[jobs] could not check the published content: ${(error as Error)?.message ?? error}`,
    )
    return 'unchecked' as const
  })
  return {
    releasedHolds: released,
    erasedAccounts: erasures.length,
    emails: emails.length,
    expiredRateLimits: forgotten.rowCount ?? 0,
    pruned,
    expiredSignIns: signIns,
    content,
  }
}

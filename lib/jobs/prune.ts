import 'server-only'
import { sql } from 'drizzle-orm'
import { db } from '../db/client'
import {
  checkoutSessions,
  holds,
  outbox,
  pageCacheEntries,
  pageCacheTags,
  stripeEvents,
} from '../db/schema'

const DAY_MS = 24 * 60 * 60_000

/**
 * How long finished rows are kept. Stripe redelivers an event for up to 3 days, so 30 days of
 * event ids answers every redelivery from the record; a settling bank debit keeps its hold open
 * for up to 21 days (lib/checkout/holds.ts), so its session's record lives 60. Outbox jobs that
 * failed for good are kept: they are what `npm run outbox:retry` queues again.
 */
export const KEEP = {
  stripeEvents: 30 * DAY_MS,
  doneOutboxJobs: 30 * DAY_MS,
  closedHolds: 30 * DAY_MS,
  checkoutSessions: 60 * DAY_MS,
  /**
   * A cached page or fetch not written for a day is one nobody asks for (a visited page is written
   * again every minute); a tag's expiry older than every entry can expire nothing.
   */
  pageCache: DAY_MS,
} as const

/** At most this many rows per table per run, so a first run on a large backlog never holds long locks. */
const BATCH = 1000

/** Deletes old finished rows, in batches; each table's own index finds them. Returns the rows deleted per table. */
export async function pruneOldRows(now = new Date()) {
  const before = (ms: number) => new Date(now.getTime() - ms).toISOString()
  const deleted = async (query: ReturnType<typeof sql>) => (await db().execute(query)).rowCount ?? 0
  return {
    stripeEvents: await deleted(
      sql`delete from ${stripeEvents} where ${stripeEvents.id} in (select ${stripeEvents.id} from ${stripeEvents} where ${stripeEvents.receivedAt} < ${before(KEEP.stripeEvents)} limit ${BATCH})`,
    ),
    outbox: await deleted(
      sql`delete from ${outbox} where ${outbox.id} in (select ${outbox.id} from ${outbox} where ${outbox.doneAt} is not null and ${outbox.doneAt} < ${before(KEEP.doneOutboxJobs)} limit ${BATCH})`,
    ),
    holds: await deleted(
      sql`delete from ${holds} where ${holds.id} in (select ${holds.id} from ${holds} where ${holds.status} <> 'open' and ${holds.expiresAt} < ${before(KEEP.closedHolds)} limit ${BATCH})`,
    ),
    checkoutSessions: await deleted(
      sql`delete from ${checkoutSessions} where ${checkoutSessions.sessionId} in (select ${checkoutSessions.sessionId} from ${checkoutSessions} where ${checkoutSessions.createdAt} < ${before(KEEP.checkoutSessions)} limit ${BATCH})`,
    ),
    pageCache: await deleted(
      sql`delete from ${pageCacheEntries} where ${pageCacheEntries.key} in (select ${pageCacheEntries.key} from ${pageCacheEntries} where ${pageCacheEntries.writtenAt} < ${now.getTime() - KEEP.pageCache} limit ${BATCH})`,
    ),
    pageCacheTags: await deleted(
      sql`delete from ${pageCacheTags} where ${pageCacheTags.tag} in (select ${pageCacheTags.tag} from ${pageCacheTags} where ${pageCacheTags.expiredAt} < ${now.getTime() - KEEP.pageCache} limit ${BATCH})`,
    ),
  }
}

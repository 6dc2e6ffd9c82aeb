/**
 * The content version: one counter in PostgreSQL that every instance keys its cached content
 * fetches by. Content is cached per instance (Next's data cache); a live event refreshes the cache
 * of the instance that serves the open page, and the content webhook reaches one instance, which
 * bumps the counter: after a publish, the next request anywhere misses the cache and reads the
 * new content.
 *
 * One counter for all content, not one per tag: the cache tags are the lake's sync tags (opaque on
 * Sanity), which a webhook cannot name. Publishes are rare next to reads, so refetching every
 * query once per instance after each is cheap.
 */
import 'server-only'
import { createHash } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { unstable_cache } from 'next/cache'
import { cache } from 'react'
import { CONTENT_FINGERPRINT_QUERY } from '@/sanity/queries'
import { expireInNext } from '../../cache/expire-in-next'
import { expireCacheTags } from '../../cache/shared-cache'
import { CONTENT_TAG } from '../../cache/tags'
import { db } from '../../db/client'
import { HttpError } from '../../http/errors'
import { contentVersions } from '../../db/schema'
import { freshClient } from '../client'

/** The row of the content version. */
const CONTENT = 'content'

/**
 * A publish: the version moves and every cached page that shows content expires, together.
 * `at`: the periodic check stamps its bump with its own time, so its next round does not take it
 * for a webhook's.
 */
export async function bumpContentVersion(at?: Date) {
  const changedAt = at ?? sql`now()`
  await db().transaction(async (tx) => {
    await tx
      .insert(contentVersions)
      .values({ tag: CONTENT, changedAt })
      .onConflictDoUpdate({
        target: contentVersions.tag,
        set: { version: sql`${contentVersions.version} + 1`, changedAt },
      })
    await expireCacheTags([CONTENT_TAG], tx)
  })
  // Again once committed: the expiry above is stamped before the commit, so a page that read the
  // old version between the two would count as newer than it. Inside the transaction, the expiry
  // still comes with the bump should this process stop here.
  await expireCacheTags([CONTENT_TAG])
  expireInNext([CONTENT_TAG])
}

/** The counter, read once per request. Null when PostgreSQL cannot answer. */
export const currentContentVersion = cache(async (): Promise<number | null> => {
  try {
    const [row] = await db()
      .select({ version: contentVersions.version })
      .from(contentVersions)
      .where(sql`${contentVersions.tag} = ${CONTENT}`)
    return row?.version ?? 0
  } catch (error) {
    console.warn(`[content] cannot read the content version: ${(error as Error).message}`)
    return null
  }
})

/**
 * The counter, cached until a publish expires CONTENT_TAG: what an open page compares its own
 * version with.
 */
export const currentContentVersionCached = unstable_cache(
  async () => {
    const version = await currentContentVersion()
    // Thrown, so that no answer is kept while PostgreSQL cannot give one.
    if (version === null) throw new HttpError(503, 'The content version cannot be read right now')
    return version
  },
  ['content-version'],
  { tags: [CONTENT_TAG], revalidate: 60 },
)

/** The row of the missed-publish check: version holds the fingerprint, changed_at its time. */
const LAKE = 'lake'
export const CHECK_EVERY_MS = 5 * 60_000

/**
 * The backstop for a lost content webhook (Sanity gave up retrying, or this store was down): every
 * CHECK_EVERY_MS one instance reads a fingerprint of the published content (its newest change and
 * its count) and keeps it in the `lake` row. If it moved since the last check and no webhook
 * bumped the version meanwhile, a publish was missed, and the version is bumped: no page stays
 * stale for longer than about this interval.
 */
export async function catchMissedPublish(
  now = new Date(),
): Promise<'bumped' | 'current' | 'not_due'> {
  const rows = await db()
    .select()
    .from(contentVersions)
    .where(sql`${contentVersions.tag} in (${CONTENT}, ${LAKE})`)
  const content = rows.find((row) => row.tag === CONTENT)
  const lake = rows.find((row) => row.tag === LAKE)
  if (lake && now.getTime() - lake.changedAt.getTime() < CHECK_EVERY_MS) return 'not_due'
  const seen = await freshClient().fetch(CONTENT_FINGERPRINT_QUERY, {}, { cache: 'no-store' })
  const fingerprint = Number.parseInt(
    createHash('sha256').update(`${seen.latest}|${seen.count}`).digest('hex').slice(0, 12),
    16,
  )
  // One instance claims each round: the row is moved only from the state this one read.
  const claimed = lake
    ? await db()
        .update(contentVersions)
        .set({ version: fingerprint, changedAt: now })
        .where(and(eq(contentVersions.tag, LAKE), eq(contentVersions.changedAt, lake.changedAt)))
        .returning()
    : await db()
        .insert(contentVersions)
        .values({ tag: LAKE, version: fingerprint, changedAt: now })
        .onConflictDoNothing()
        .returning()
  if (claimed.length === 0 || !lake || lake.version === fingerprint) return 'current'
  // A webhook bumped the version after the last check: it has already told every instance.
  if (content && content.changedAt > lake.changedAt) return 'current'
  console.warn(
    '[content] a publish reached no content webhook: the content version is bumped by the periodic check',
  )
  await bumpContentVersion(now)
  return 'bumped'
}

/**
 * A request tag naming the version: part of the fetch's URL, so of its cache key (a valid Sanity
 * request tag).
 */
export const versionTag = (version: number) => `cv.${version}`

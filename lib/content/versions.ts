import { sql } from 'drizzle-orm'
import { cache } from 'react'
import { db } from '../db/client'
import { contentVersions } from '../db/schema'

/**
 * Content is cached per instance (Next's data cache). A live event refreshes the cache of the
 * instance that serves the open page, and the content webhook reaches one instance; so that
 * instance also bumps one counter in PostgreSQL, and every instance keys its cached fetches by
 * it: after a publish, the next request anywhere misses the cache and reads the new content.
 *
 * One counter for all content, not one per tag: the cache tags now come from the lake's sync
 * tags (opaque on Sanity), which a webhook cannot name. Publishes are rare next to reads, so
 * refetching every query once per instance after each is cheap.
 */
const CONTENT = 'content'

export async function bumpContentVersion() {
  await db()
    .insert(contentVersions)
    .values({ tag: CONTENT })
    .onConflictDoUpdate({ target: contentVersions.tag, set: { version: sql`${contentVersions.version} + 1`, changedAt: sql`now()` } })
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

/** A request tag naming the version: part of the fetch's URL, so of its cache key (a valid Sanity request tag). */
export const versionTag = (version: number) => `cv.${version}`

import { sql } from 'drizzle-orm'
import { cache } from 'react'
import { db } from '../db/client'
import { contentVersions } from '../db/schema'

/**
 * Content is cached per instance (Next's data cache), and the content webhook reaches only one
 * instance. So the instance that receives it also bumps a counter per type tag in PostgreSQL,
 * and every instance keys its cached fetches by the counters of their tags: after a publish, the
 * next request anywhere misses the cache and reads the new content.
 */
const versioned = (tag: string) => tag.startsWith('type:')

export async function bumpContentVersions(tags: string[]) {
  const bumped = tags.filter(versioned)
  if (bumped.length === 0) return
  await db()
    .insert(contentVersions)
    .values(bumped.map((tag) => ({ tag })))
    .onConflictDoUpdate({ target: contentVersions.tag, set: { version: sql`${contentVersions.version} + 1`, changedAt: sql`now()` } })
}

/** Every counter, read once per request (a handful of rows: one per content type). Null when PostgreSQL cannot answer. */
export const currentContentVersions = cache(async (): Promise<Map<string, number> | null> => {
  try {
    const rows = await db().select({ tag: contentVersions.tag, version: contentVersions.version }).from(contentVersions)
    return new Map(rows.map((row) => [row.tag, row.version]))
  } catch (error) {
    console.warn(`[content] cannot read content versions: ${(error as Error).message}`)
    return null
  }
})

/** A request tag naming the versions of these cache tags: part of the fetch's URL, so of its cache key. */
export function versionTag(versions: Map<string, number>, tags: string[]) {
  return `cv.${tags
    .filter(versioned)
    .map((tag) => versions.get(tag) ?? 0)
    .join('.')}`
}

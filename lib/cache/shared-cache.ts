import { deserialize, serialize } from 'node:v8'
import { sql } from 'drizzle-orm'
import { db, type Tx } from '../db/client'
import { pageCacheEntries, pageCacheTags } from '../db/schema'

/**
 * The cache every instance shares: rendered pages and content fetches in PostgreSQL, each with
 * its tags, and when each tag was last expired. An entry written before one of its tags expired
 * is a miss, on every instance at once.
 *
 * Each instance also keeps recent entries in memory and learns of expired tags by asking
 * PostgreSQL at most every TAGS_REFRESH_MS, so a cache hit costs no query, and an expiry reaches
 * every instance within that interval. When PostgreSQL cannot answer, memory is not trusted:
 * everything is a miss, and pages are rendered fresh.
 *
 * An entry counts as written when its render began, not when it is stored: a page whose render
 * began before a publish and ended after the publish's expiry holds the old content, so that
 * expiry must count against it.
 */
export const TAGS_REFRESH_MS = 250
/** Memory entries older than this are read again from PostgreSQL (tags expired since are kept as long). */
const MEMORY_LIFE_MS = 10 * 60_000
const MEMORY_MAX_BYTES = 64 * 1024 * 1024
const COMMIT_LAG_MS = 5_000
/** A render begun longer ago than this is taken to have stored nothing (renders end well within it). */
const RENDER_LIMIT_MS = 60_000

export type SharedEntry = { value: unknown; tags: string[]; writtenAt: number }

type Remembered = SharedEntry & { size: number; readAt: number }

export class SharedCache {
  private memory = new Map<string, Remembered>()
  private memoryBytes = 0
  private expired = new Map<string, number>()
  private tagsReadAt = 0
  /** PostgreSQL's clock at the last refresh: the next one asks for expiries from then on. */
  private since = 0
  private refreshing: Promise<boolean> | undefined
  /** Per key, when (this process's clock) the earliest render not yet stored began. */
  private rendersOpen = new Map<string, number>()

  /** The entry, or null for a miss: the caller then renders or fetches it and calls set. */
  async get(key: string, extraTags: readonly string[] = []): Promise<SharedEntry | null> {
    const entry = await this.lookUp(key, extraTags)
    if (!entry) this.renderBegins(key)
    return entry
  }

  private async lookUp(key: string, extraTags: readonly string[]): Promise<SharedEntry | null> {
    if (!(await this.tagsCurrent())) return null
    const now = Date.now()
    let entry: SharedEntry | undefined = this.touch(key)
    if (entry && now - (entry as Remembered).readAt > MEMORY_LIFE_MS) entry = this.forget(key)
    if (!entry) {
      const [row] = await db()
        .select()
        .from(pageCacheEntries)
        .where(sql`${pageCacheEntries.key} = ${key}`)
      if (!row) return null
      entry = { value: deserialize(row.value), tags: row.tags, writtenAt: row.writtenAt }
      this.remember(key, entry, row.value.length)
    }
    if (this.isExpired(entry, extraTags)) {
      this.forget(key)
      return null
    }
    return entry
  }

  async set(key: string, value: unknown, tags: string[]) {
    const bytes = serialize(value)
    // PostgreSQL's clock, set back by how long ago the render began on this process.
    const begunAt = this.rendersOpen.get(key)
    this.rendersOpen.delete(key)
    const writtenAt = sql`${nowMs} - ${begunAt === undefined ? 0 : Math.max(0, Date.now() - begunAt)}`
    const [row] = await db()
      .insert(pageCacheEntries)
      .values({ key, value: bytes, tags, writtenAt })
      .onConflictDoUpdate({ target: pageCacheEntries.key, set: { value: bytes, tags, writtenAt } })
      .returning({ writtenAt: pageCacheEntries.writtenAt })
    this.remember(key, { value, tags, writtenAt: row.writtenAt }, bytes.length)
  }

  async delete(key: string) {
    this.forget(key)
    await db()
      .delete(pageCacheEntries)
      .where(sql`${pageCacheEntries.key} = ${key}`)
  }

  /** Expires the tags everywhere: the next read of any entry carrying one renders or fetches anew. */
  async expireTags(tags: readonly string[]) {
    await expireCacheTags(tags)
    // This instance need not wait for its next refresh to see its own expiry.
    this.tagsReadAt = 0
  }

  /**
   * Notes that a render or fetch of the key begins (after a miss, or a hit Next revalidates). The
   * earliest unfinished one is kept, so what it stores is dated no later than its start.
   */
  renderBegins(key: string) {
    const now = Date.now()
    const open = this.rendersOpen.get(key)
    if (open !== undefined && now - open < RENDER_LIMIT_MS) return
    this.rendersOpen.set(key, now)
    if (this.rendersOpen.size > 10_000) {
      for (const [oldKey, at] of this.rendersOpen)
        if (now - at >= RENDER_LIMIT_MS) this.rendersOpen.delete(oldKey)
    }
  }

  private isExpired(entry: SharedEntry, extraTags: readonly string[]) {
    for (const tag of [...entry.tags, ...extraTags]) {
      const at = this.expired.get(tag)
      if (at !== undefined && at >= entry.writtenAt) return true
    }
    return false
  }

  /** Whether this instance knows every expiry up to the last TAGS_REFRESH_MS. */
  private async tagsCurrent(): Promise<boolean> {
    if (Date.now() - this.tagsReadAt < TAGS_REFRESH_MS) return true
    this.refreshing ??= this.refreshTags().finally(() => (this.refreshing = undefined))
    return this.refreshing
  }

  private async refreshTags(): Promise<boolean> {
    try {
      // Overlapping the last read: an expiry stamped before it may have committed after it.
      const since = this.since ? this.since - COMMIT_LAG_MS : sql`${nowMs} - ${MEMORY_LIFE_MS}`
      const result = await db().execute<{ tag: string; expired_at: string; now: string }>(
        sql`select ${pageCacheTags.tag} as tag, ${pageCacheTags.expiredAt} as expired_at, ${nowMs} as now
            from ${pageCacheTags} where ${pageCacheTags.expiredAt} >= ${since}
            union all select null, null, ${nowMs}`,
      )
      let now = this.since
      for (const row of result.rows) {
        now = Number(row.now)
        if (row.tag !== null) this.expired.set(row.tag, Number(row.expired_at))
      }
      this.since = now
      this.tagsReadAt = Date.now()
      for (const [tag, at] of this.expired) if (at < now - MEMORY_LIFE_MS) this.expired.delete(tag)
      return true
    } catch (error) {
      console.warn(
        `[cache] cannot read expired tags, serving uncached: ${(error as Error).message}`,
      )
      this.tagsReadAt = 0
      return false
    }
  }

  private remember(key: string, entry: SharedEntry, size: number) {
    this.forget(key)
    this.memory.set(key, { ...entry, size, readAt: Date.now() })
    this.memoryBytes += size
    // Oldest first (a Map keeps insertion order; a read re-inserts).
    for (const [oldKey, old] of this.memory) {
      if (this.memoryBytes <= MEMORY_MAX_BYTES) break
      this.memory.delete(oldKey)
      this.memoryBytes -= old.size
    }
  }

  /** The remembered entry, moved to the young end. */
  private touch(key: string) {
    const found = this.memory.get(key)
    if (found) {
      this.memory.delete(key)
      this.memory.set(key, found)
    }
    return found
  }

  private forget(key: string): undefined {
    const old = this.memory.get(key)
    if (old) {
      this.memory.delete(key)
      this.memoryBytes -= old.size
    }
    return undefined
  }
}

/** PostgreSQL's clock in milliseconds. */
const nowMs = sql`(extract(epoch from clock_timestamp()) * 1000)::bigint`

/**
 * Expires cache tags in PostgreSQL. Any process can call it (a script changing stock, a job), and
 * every instance's next request after its refresh misses entries that carry them.
 */
export async function expireCacheTags(tags: readonly string[], tx: Pick<Tx, 'insert'> = db()) {
  if (tags.length === 0) return
  const unique = [...new Set(tags)]
  await tx
    .insert(pageCacheTags)
    .values(unique.map((tag) => ({ tag, expiredAt: sql`${nowMs}` })))
    .onConflictDoUpdate({ target: pageCacheTags.tag, set: { expiredAt: sql`${nowMs}` } })
}

import type { CacheHandler, CacheHandlerValue } from 'next/dist/server/lib/incremental-cache'
import type { CacheControl } from 'next/dist/server/lib/cache-control'
import { SharedCache } from './shared-cache'

type GetContext = Parameters<CacheHandler['get']>[1]
type SetContext = Parameters<CacheHandler['set']>[2]
type Value = CacheHandlerValue['value']
type Stored = { value: Value; cacheControl?: CacheControl }

/** The header Next stores a rendered page's tags in (its fetches' tags and the page's path tags). */
const TAGS_HEADER = 'x-next-cache-tags'

// Next makes a handler per request; the cache and its memory are the process's.
const shared = globalThis as typeof globalThis & { restwellSharedCache?: SharedCache }
const cache = () => (shared.restwellSharedCache ??= new SharedCache())

/**
 * Next's server cache (next.config.js `cacheHandler`) for instances started with `npm start`:
 * pages and content fetches in PostgreSQL, shared by every instance (./shared-cache.ts). On
 * Vercel, Vercel's own shared cache is used instead.
 *
 * A failure to read is a miss (the page is rendered), and a failure to write is logged: the
 * cache may make the store slower, never wrong or down.
 */
export default class PostgresCacheHandler {
  async get(key: string, ctx: GetContext): Promise<CacheHandlerValue | null> {
    try {
      const extraTags = 'tags' in ctx ? [...(ctx.tags ?? []), ...(ctx.softTags ?? [])] : []
      const entry = await cache().get(key, extraTags)
      if (!entry) return null
      const stored = entry.value as Stored
      // Past its lifetime Next serves it and renders it again in the background.
      const revalidate =
        stored.cacheControl?.revalidate ??
        (stored.value && 'revalidate' in stored.value ? stored.value.revalidate : undefined)
      if (typeof revalidate === 'number' && entry.writtenAt + revalidate * 1000 <= Date.now())
        cache().renderBegins(key)
      return {
        lastModified: entry.writtenAt,
        value: stored.value,
        cacheControl: stored.cacheControl,
      }
    } catch (error) {
      console.warn(`[cache] read failed, rendering instead: ${(error as Error).message}`)
      return null
    }
  }

  async set(key: string, value: Value, ctx: SetContext) {
    try {
      if (value === null) return await cache().delete(key)
      // A page that answered an error (an unknown slug's 404) is rendered each time, not kept:
      // made-up addresses must not grow the cache.
      if ('status' in value && typeof value.status === 'number' && value.status >= 400) return
      const stored: Stored = {
        value,
        cacheControl: 'cacheControl' in ctx ? ctx.cacheControl : undefined,
      }
      await cache().set(key, stored, tagsOf(value, ctx))
    } catch (error) {
      console.warn(`[cache] write failed: ${(error as Error).message}`)
    }
  }

  /** Every expiry is immediate (the store asks for none that may serve stale content). */
  async revalidateTag(tags: string | string[]) {
    await cache().expireTags([tags].flat())
  }

  resetRequestCache() {}
}

function tagsOf(value: NonNullable<Value>, ctx: SetContext): string[] {
  if ('tags' in ctx && ctx.tags) return [...ctx.tags]
  const header = 'headers' in value ? value.headers?.[TAGS_HEADER] : undefined
  return typeof header === 'string' ? header.split(',').filter(Boolean) : []
}

import 'server-only'
import type { ClientReturn, QueryParams } from '@sanity/client'
import { draftMode } from 'next/headers'
import { CONTENT_TAG } from '../cache/tags'
import { readClient } from './client'
import { liveContent } from './live/server-render'
import { currentContentVersion, versionTag } from './live/server-content-version'

/**
 * Fetches content through next-sanity's `defineLive` (live/server-render.ts): cached in Next's
 * data cache under the sync tags of the lake's answer, which a live event expires when a publish
 * changes them, and under CONTENT_TAG, which the content webhook expires; the pages that read it
 * carry the same tags. The request tag names the content version in PostgreSQL, which makes it
 * part of the cache key of next-sanity's untagged first request too
 * (live/server-content-version.ts). In draft mode (an editor previewing) it reads drafts with the
 * viewer token, uncached; the public site only ever sees published content.
 */
export async function sanityFetch<const Q extends string>({
  query,
  params = {},
  uncached = false,
}: {
  query: Q
  params?: QueryParams
  /** For parameters a visitor chooses freely (search terms): each would be a cache entry of its own. */
  uncached?: boolean
}) {
  // Draft mode caches nothing, so it needs no version.
  const version = (await draftMode()).isEnabled
    ? 0
    : uncached
      ? null
      : await currentContentVersion()
  // Without the version this instance cannot tell whether its cache is current: read through.
  if (version === null) return readClient().fetch(query, params, { cache: 'no-store' })
  const { data } = await liveContent().sanityFetch({
    query,
    params,
    requestTag: versionTag(version),
    tags: [CONTENT_TAG],
  })
  // Typed as possibly stega-encoded; we never turn stega on, so these are the plain query results.
  return data as ClientReturn<Q, unknown>
}

/**
 * Content for a route handler (the cart): kept in Next's data cache keyed by the content version
 * and tagged CONTENT_TAG, like pages' content, so a publish reaches it everywhere at once. Without
 * next-sanity's loader, which is for server components only.
 */
export async function cachedContentForRoute<const Q extends string>(
  query: Q,
  params: QueryParams = {},
) {
  const version = await currentContentVersion()
  if (version === null) return readClient().fetch(query, params, { cache: 'no-store' })
  return readClient().fetch(query, params, {
    tag: versionTag(version),
    cache: 'force-cache',
    next: { tags: [CONTENT_TAG] },
  })
}

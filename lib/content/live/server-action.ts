'use server'

import 'server-only'
import { updateTag } from 'next/cache'
import { draftMode } from 'next/headers'
import { z } from 'zod'
import { liveHub } from './lake-proxy-hub'

/** What PublishedLive sends: a live event's sync tags, as the Live Content API names them. */
const liveTags = z
  .array(z.string().regex(/^s1:\S{1,200}$/))
  .min(1)
  .max(200)
/** next-sanity's prefix for the cache tags `sanityFetch` stores each answer under. */
const CACHE_TAG_PREFIX = 'sanity:'

/**
 * PublishedLive's action for each live event: expires the event's tags in this instance's
 * cache at once (`updateTag`), so the re-render this action triggers already reads the new
 * content. next-sanity's default uses `revalidateTag(tag, 'max')`, which serves the stale entry
 * once more. Anyone can call a server action, so only tags this instance has itself just heard
 * a publish change are expired, each once (server-seen-tags.ts); for any other call the page just
 * refreshes, reading what the cache holds (other instances learn of a publish from the signed
 * webhook, server-content-version.ts). In draft mode nothing is cached: refresh too.
 */
export async function expireLiveTags(unsafeTags: unknown): Promise<void | 'refresh'> {
  if ((await draftMode()).isEnabled) return 'refresh'
  const tags = liveTags.safeParse(unsafeTags)
  if (!tags.success) return
  const hub = liveHub()
  hub.watchPublished()
  const heard = hub.seenTags.take(tags.data)
  if (heard.length === 0) return 'refresh'
  for (const tag of heard) updateTag(`${CACHE_TAG_PREFIX}${tag}`)
}

import { PHASE_PRODUCTION_BUILD } from 'next/constants'
import { preconnect } from 'react-dom'
import { draftLive, publishedEventsUrl } from '@/lib/content/live/server-render'
import { expireLiveTags } from '@/lib/content/live/server-action'
import { liveHub } from '@/lib/content/live/lake-proxy-hub'
import { currentContentVersionCached } from '@/lib/content/live/server-content-version'
import { isDraftMode } from '@/lib/draft-mode'
import { config } from '@/lib/env'
import { PublishedLive } from './PublishedLive'

/**
 * Keeps open pages current: a publish that changes what a page read refreshes it, without a
 * reload. Reads nothing from the request, so the pages that hold it can be cached for everyone.
 */
export async function LiveContent() {
  if (!(await isDraftMode())) {
    // This instance hears publishes too, so its action knows which tags changed (not while `next build` prerenders).
    if (process.env.NEXT_PHASE !== PHASE_PRODUCTION_BUILD) liveHub().watchPublished()
    const url = publishedEventsUrl()
    // With a real project the stream is on Sanity's host: connect early, as next-sanity does.
    if (config().sanity.mode === 'real') preconnect(new URL(url).origin)
    // Read through the cache under the content tag, so every page that holds it (even one that shows
    // no content, like the order lookup) is expired by a publish, and its version is never stale.
    const version = await currentContentVersionCached().catch(() => null)
    return <PublishedLive url={url} version={version} action={expireLiveTags} />
  }
  // An editor's preview caches nothing: a draft change just renders the page again.
  const SanityLive = await draftLive()
  return <SanityLive action="refresh" onWelcome={false} />
}

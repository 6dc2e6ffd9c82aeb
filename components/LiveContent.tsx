import { preconnect } from 'react-dom'
import { draftLive, publishedEventsUrl } from '@/lib/content/live'
import { expireLiveTags } from '@/lib/content/live-action'
import { liveHub } from '@/lib/content/live-hub'
import { isDraftMode } from '@/lib/draft-mode'
import { config } from '@/lib/env'
import { PublishedLive } from './PublishedLive'

/** Keeps open pages current: a publish that changes what a page read refreshes it, without a reload. */
export async function LiveContent() {
  if (!(await isDraftMode())) {
    liveHub().watchPublished() // this instance hears publishes too, so its action knows which tags changed
    const url = await publishedEventsUrl()
    // With a real project the stream is on Sanity's host: connect early, as next-sanity does.
    if (config().sanity.mode === 'real') preconnect(new URL(url).origin)
    return <PublishedLive url={url} action={expireLiveTags} />
  }
  // An editor's preview caches nothing: a draft change just renders the page again.
  const SanityLive = await draftLive()
  return <SanityLive action="refresh" onWelcome={false} />
}

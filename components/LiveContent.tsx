import { draftLive, publishedEventsUrl } from '@/lib/content/live'
import { expireLiveTags } from '@/lib/content/live-action'
import { isDraftMode } from '@/lib/draft-mode'
import { PublishedLive } from './PublishedLive'

/** Keeps open pages current: a publish that changes what a page read refreshes it, without a reload. */
export async function LiveContent() {
  if (!(await isDraftMode())) return <PublishedLive url={await publishedEventsUrl()} action={expireLiveTags} />
  // An editor's preview caches nothing: a draft change just renders the page again.
  const SanityLive = await draftLive()
  return <SanityLive action="refresh" onWelcome={false} />
}

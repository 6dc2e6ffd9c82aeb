import { liveForBrowser } from '@/lib/content/live'
import { expireLiveTags } from '@/lib/content/live-action'
import { isDraftMode } from '@/lib/draft-mode'

/** Keeps open pages current: a publish that changes what a page read refreshes it, without a reload. */
export async function LiveContent() {
  const SanityLive = await liveForBrowser()
  // An editor's preview caches nothing: a draft change just renders the page again.
  return <SanityLive action={(await isDraftMode()) ? 'refresh' : expireLiveTags} onWelcome={false} />
}

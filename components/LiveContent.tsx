import { liveForBrowser } from '@/lib/content/live'
import { expireLiveTags } from '@/lib/content/live-action'

/** Keeps open pages current: a publish that changes what a page read refreshes it, without a reload. */
export async function LiveContent() {
  const SanityLive = await liveForBrowser()
  return <SanityLive action={expireLiveTags} onWelcome={false} />
}

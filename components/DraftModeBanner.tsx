'use client'

import { useSyncExternalStore } from 'react'

const unchanging = () => () => {}

/**
 * Shown to an editor in draft mode, with a way out; rendered only in draft mode (SiteChrome).
 * Hidden inside the Studio's Presentation tool (the only page that may frame the site in draft
 * mode: proxy.ts), which shows the draft state itself; leaving draft mode there would also
 * leave a page the frame may not show.
 */
export function DraftModeBanner() {
  const framed = useSyncExternalStore(
    unchanging,
    () => window.self !== window.top,
    () => false,
  )
  if (framed) return null
  return (
    <div
      role="status"
      className="bg-amber-300 px-4 py-2 text-center text-sm font-medium text-night"
      data-testid="draft-banner"
    >
      Preview — you are seeing unpublished drafts.{' '}
      <a href="/api/draft-mode/disable" className="underline underline-offset-2">
        Exit preview
      </a>
    </div>
  )
}

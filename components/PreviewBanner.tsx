'use client'

import { useIsPresentationTool } from 'next-sanity/hooks'

/**
 * The draft-mode banner, except inside the Studio's Presentation tool, which shows the preview's
 * state itself; leaving draft mode there would also leave a page the frame may not show.
 */
export function PreviewBanner() {
  if (useIsPresentationTool()) return null
  return (
    <div role="status" className="bg-amber-300 px-4 py-2 text-center text-sm font-medium text-night" data-testid="draft-banner">
      Preview — you are seeing unpublished drafts.{' '}
      <a href="/api/draft-mode/disable" className="underline underline-offset-2">
        Exit preview
      </a>
    </div>
  )
}

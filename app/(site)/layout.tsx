import type { ReactNode } from 'react'
import { preconnect } from 'react-dom'
import { LiveContent } from '@/components/LiveContent'
import { PreviewVisualEditing } from '@/components/PreviewVisualEditing'
import { SiteChrome } from '@/components/SiteChrome'
import { isDraftMode } from '@/lib/draft-mode'
import { config } from '@/lib/env'

export default async function SiteLayout({ children }: { children: ReactNode }) {
  // Images come from another origin (Sanity's CDN, or the local lake): its connection is opened
  // while the HTML is still parsing, not once the first image is found.
  preconnect(config().sanity.imageBaseUrl)
  return (
    <>
      <SiteChrome>{children}</SiteChrome>
      <LiveContent />
      {/* Editors only: readers' pages load none of the visual-editing code. */}
      {(await isDraftMode()) && <PreviewVisualEditing />}
    </>
  )
}

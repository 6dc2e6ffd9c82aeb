import type { ReactNode } from 'react'
import { LiveContent } from '@/components/LiveContent'
import { PreviewVisualEditing } from '@/components/PreviewVisualEditing'
import { SiteChrome } from '@/components/SiteChrome'
import { isDraftMode } from '@/lib/draft-mode'

export default async function SiteLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteChrome>{children}</SiteChrome>
      <LiveContent />
      {/* Editors only: readers' pages load none of the visual-editing code. */}
      {(await isDraftMode()) && <PreviewVisualEditing />}
    </>
  )
}

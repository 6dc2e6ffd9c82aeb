import type { ReactNode } from 'react'
import { LiveContent } from '@/components/LiveContent'
import { SiteChrome } from '@/components/SiteChrome'

export default function SiteLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteChrome>{children}</SiteChrome>
      <LiveContent />
    </>
  )
}

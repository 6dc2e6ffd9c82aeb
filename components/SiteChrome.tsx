import { clsx } from 'clsx'
import type { ReactNode } from 'react'
import { isDraftMode } from '@/lib/draft-mode'
import { DraftModeBanner } from './DraftModeBanner'
import { SiteFooter } from './SiteFooter'
import { SiteHeader } from './SiteHeader'

export async function SiteChrome({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className={clsx(
          'sr-only focus:not-sr-only focus:fixed focus:top-4 focus:left-4 focus:z-50',
          'focus:rounded-full focus:bg-night focus:px-4 focus:py-2 focus:text-cream',
        )}
      >
        Skip to content
      </a>
      {(await isDraftMode()) && <DraftModeBanner />}
      <SiteHeader />
      <main id="main" className="flex-1">
        {children}
      </main>
      <SiteFooter />
    </div>
  )
}

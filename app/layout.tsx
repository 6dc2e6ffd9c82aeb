import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'
import { SiteFooter } from '@/components/SiteFooter'
import { SiteHeader } from '@/components/SiteHeader'
import { config } from '@/lib/env'
import './globals.css'

export const metadata: Metadata = {
  metadataBase: new URL(config().siteUrl),
  title: { default: 'Restwell — sleep guides and sleep essentials', template: '%s · Restwell' },
  description: 'Clear, careful sleep guides, and the supplements, mattresses and curtains we recommend in them.',
  openGraph: { siteName: 'Restwell', type: 'website' },
}

export const viewport: Viewport = { themeColor: '#1f2a44' }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-full focus:bg-night focus:px-4 focus:py-2 focus:text-cream"
        >
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="flex-1">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  )
}

import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'
import { config } from '@/lib/env'
import './globals.css'

export const metadata: Metadata = {
  metadataBase: new URL(config().siteUrl),
  title: { default: 'Restwell — sleep guides and sleep essentials', template: '%s · Restwell' },
  description:
    'Clear, careful sleep guides, and the supplements, mattresses and curtains we recommend in them.',
  openGraph: { siteName: 'Restwell', type: 'website', locale: 'en_US' },
  twitter: { card: 'summary_large_image' },
  alternates: { types: { 'application/rss+xml': '/feed.xml' } },
  // Drawn by scripts/icons.ts into public/. Browsers that take no SVG icon ask for /favicon.ico, which needs no link.
  icons: { icon: { url: '/icon.svg', type: 'image/svg+xml' }, apple: '/apple-touch-icon.png' },
}

export const viewport: Viewport = { themeColor: '#1f2a44' }

/** Reads nothing from the request: readers' pages below it are cached for everyone (proxy.ts says which). */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}

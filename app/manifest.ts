import type { MetadataRoute } from 'next'

/** The web app manifest (served as /manifest.webmanifest, linked from every page); its icons are drawn by scripts/icons.ts. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Restwell — sleep guides and sleep essentials',
    short_name: 'Restwell',
    description:
      'Clear, careful sleep guides, and the supplements, mattresses and curtains we recommend in them.',
    start_url: '/',
    display: 'standalone',
    background_color: '#faf6ee',
    theme_color: '#1f2a44',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  }
}

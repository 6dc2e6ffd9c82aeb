/**
 * Security headers. Scripts and styles stay on this origin (Next's inline bootstrap needs
 * 'unsafe-inline' without nonces); images may come from Sanity's CDN or the local lake; the
 * site may not be framed. The Studio is framed by nothing either, but talks to Sanity's API in
 * real mode, so it gets its own connect/img sources.
 */
const common = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
]

const csp = (directives) =>
  Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ')

const images = ["'self'", 'data:', 'blob:', 'https://cdn.sanity.io', 'http://127.0.0.1:*', 'http://localhost:*']

const siteCsp = csp({
  'default-src': ["'self'"],
  'script-src': ["'self'", "'unsafe-inline'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': images,
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'self'"],
  'object-src': ["'none'"],
})

const studioCsp = csp({
  'default-src': ["'self'"],
  'script-src': ["'self'", "'unsafe-inline'", "'unsafe-eval'", 'https://*.sanity.io', 'https://*.sanity-cdn.com'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': [...images, 'https://*.sanity.io', 'https://*.sanity-cdn.com', 'https://lh3.googleusercontent.com'],
  'font-src': ["'self'", 'data:', 'https://*.sanity.io'],
  'connect-src': ["'self'", 'https://*.sanity.io', 'wss://*.sanity.io', 'https://*.sanity-cdn.com', 'https://*.api.sanity.io', 'wss://*.api.sanity.io', 'ws://localhost:*', 'ws://127.0.0.1:*'],
  'frame-src': ["'self'"],
  'frame-ancestors': ["'self'"],
  'base-uri': ["'self'"],
  'object-src': ["'none'"],
})

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests build into their own directory so they never clobber a developer's build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // `npm run bench` builds with RESTWELL_BENCH=1 so its bare comparison page (app/bench-bare/page.bench.tsx) exists; other builds never contain it.
  pageExtensions: ['tsx', 'ts', 'jsx', 'js', ...(process.env.RESTWELL_BENCH === '1' ? ['bench.tsx'] : [])],
  reactStrictMode: true,
  // unauthorized(): the local Studio answers 401 to anyone it does not let in.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  images: {
    // Sanity's image CDN resizes by URL parameters, so Next does not need to optimise images.
    loader: 'custom',
    loaderFile: './lib/image-loader.ts',
    // Fewer candidate widths than Next's defaults (16 of them): every width is a URL written
    // into each image's srcset, twice per page (HTML and the RSC payload). The bench found the
    // article's HTML weight was what held back its Lighthouse score, not its JavaScript.
    deviceSizes: [640, 960, 1280, 1920],
    imageSizes: [96, 160, 256, 384],
  },
  // The local services (services/) are separate processes; keep them out of the app's type and trace scope.
  outputFileTracingExcludes: { '*': ['services/**', '.data/**'] },
  async headers() {
    return [
      { source: '/((?!studio).*)', headers: [...common, { key: 'Content-Security-Policy', value: siteCsp }, { key: 'X-Frame-Options', value: 'DENY' }] },
      { source: '/studio/:path*', headers: [...common, { key: 'Content-Security-Policy', value: studioCsp }, { key: 'X-Frame-Options', value: 'SAMEORIGIN' }] },
      { source: '/studio', headers: [...common, { key: 'Content-Security-Policy', value: studioCsp }, { key: 'X-Frame-Options', value: 'SAMEORIGIN' }] },
    ]
  },
}

export default nextConfig

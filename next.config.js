import { fileURLToPath } from 'node:url'

/**
 * Security headers every answer carries, static files included. The Content Security Policy,
 * framing rules and HSTS depend on the request (a script nonce) and on the configuration, so
 * proxy.ts sets them (lib/security/policy.ts).
 */
const common = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
]

/**
 * Where rendered pages and content fetches are cached. Instances started with `npm start` share
 * one cache in PostgreSQL (lib/cache/), so a publish reaches all of them; it is loaded by the
 * server, which runs under tsx (scripts/serve.ts). On Vercel, Vercel's shared cache serves
 * instead; `next build` keeps its prerendered copies on disk, which the server does not read
 * when a handler is set.
 */
const sharedCacheHandler = (phase) =>
  process.env.VERCEL || phase === 'phase-production-build'
    ? {}
    : {
        cacheHandler: fileURLToPath(new URL('./lib/cache/next-cache-handler.ts', import.meta.url)),
        cacheMaxMemorySize: 0,
      }

/** @type {(phase: string) => import('next').NextConfig} */
const nextConfig = (phase) => ({
  ...sharedCacheHandler(phase),
  // Readers' pages are kept at most this long after they go stale (a CDN's stale-while-revalidate);
  // publishes expire them at once (lib/cache/).
  expireTime: 3600,
  // Tests build into their own directory so they never clobber a developer's build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // `npm run bench` builds with RESTWELL_BENCH=1 so its bare comparison page (app/bench-bare/page.bench.tsx) exists; other builds never contain it.
  pageExtensions: [
    'tsx',
    'ts',
    'jsx',
    'js',
    ...(process.env.RESTWELL_BENCH === '1' ? ['bench.tsx'] : []),
  ],
  reactStrictMode: true,
  // Instances run from one build agree on everything a build generates (server-action ids, draft-mode keys);
  // BUILD_ID (e.g. the commit) names that build, so a rebuilt copy of the same commit is recognisably the same.
  generateBuildId: async () => process.env.BUILD_ID || null,
  // unauthorized(): the local Studio answers 401 to anyone it does not let in.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // Next hashes every HTML answer for its ETag, in JavaScript: on a cached 120 kB article that
  // was a fifth of the server's time per request. Readers' pages are revalidated by the CDN and
  // the shared cache (docs/caching.md), not by a browser's If-None-Match.
  generateEtags: false,
  // The local services (services/) are separate processes, and .data/ is their data: keep both out of the server's file trace.
  outputFileTracingExcludes: { '*': ['services/**', '.data/**'] },
  async headers() {
    return [{ source: '/:path*', headers: common }]
  },
})

export default nextConfig

import { config } from '../env'

/**
 * The Content Security Policy and framing rules. A page rendered for one request allows scripts
 * only with that request's nonce ('strict-dynamic' lets Next's own chunks load theirs), so an
 * injected inline script never runs. A page cached for everyone cannot carry a nonce, and Next's
 * inline bootstrap (the page's data, pushed by inline scripts whose text changes with every
 * render) cannot be listed by hash either: it allows this origin's scripts and inline ones, and
 * what keeps injected markup out is React's escaping of every content field (tested in
 * e2e/xss.spec.ts). No third-party script origin either way. Images come only from the content store's image host:
 * Sanity's CDN in real mode, the local lake's exact origin in local mode (no loopback wildcard).
 * The Studio is Sanity's app, which needs eval and inline scripts, so it gets its own policy.
 */
const csp = (directives: Record<string, string[]>) =>
  Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ')

function imageSources() {
  const { sanity } = config()
  return ["'self'", 'data:', 'blob:', new URL(sanity.imageBaseUrl).origin]
}

function liveEventSources() {
  const { sanity } = config()
  return sanity.mode === 'real' ? [`https://${sanity.projectId}.api.sanity.io`] : []
}

/**
 * `nonce`: the request's, for a page rendered per request; null for a page cached for everyone.
 * `framed`: an editor's preview, which the Studio on this same origin shows in its Presentation tool.
 */
export function storefrontPolicy(nonce: string | null, dev: boolean, framed = false) {
  const scripts =
    nonce === null
      ? ["'self'", "'unsafe-inline'"]
      : ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]
  return csp({
    'default-src': ["'self'"],
    // React's development build evaluates code for its error overlays; production never does.
    'script-src': [...scripts, ...(dev ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': imageSources(),
    'font-src': ["'self'"],
    // Live content: locally the site's own /api/live-events; with Sanity, its live events API.
    'connect-src': ["'self'", ...liveEventSources()],
    'form-action': ["'self'"],
    'frame-ancestors': [framed ? "'self'" : "'none'"],
    'base-uri': ["'none'"],
    'object-src': ["'none'"],
  })
}

const SANITY_HOSTS = ['https://*.sanity.io', 'https://*.sanity-cdn.com']

export function studioPolicy(dev: boolean) {
  const real = config().sanity.mode === 'real'
  return csp({
    'default-src': ["'self'"],
    'script-src': ["'self'", "'unsafe-inline'", "'unsafe-eval'", ...(real ? SANITY_HOSTS : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': [
      ...imageSources(),
      ...(real ? [...SANITY_HOSTS, 'https://lh3.googleusercontent.com'] : []),
    ],
    'font-src': ["'self'", 'data:', ...(real ? ['https://*.sanity.io'] : [])],
    // Locally the Studio talks only to its same-origin proxy; in development, also to Next's reload socket.
    'connect-src': [
      "'self'",
      ...(real
        ? [...SANITY_HOSTS, 'wss://*.sanity.io', 'https://*.api.sanity.io', 'wss://*.api.sanity.io']
        : []),
      ...(dev ? ['ws:'] : []),
    ],
    'frame-src': ["'self'"],
    'frame-ancestors': ["'self'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
  })
}

/** HSTS only where the site is served over https: a year, subdomains included. */
export function transportSecurity(): Record<string, string> {
  return config().siteUrl.startsWith('https://')
    ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' }
    : {}
}

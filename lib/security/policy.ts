import { config } from '../env'

/**
 * The Content Security Policy and framing rules, built per request. The storefront allows
 * scripts only with this request's nonce ('strict-dynamic' lets Next's own chunks load theirs),
 * so an injected inline script never runs. Images come only from the content store's image host:
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

/** `framed`: an editor's preview, which the Studio on this same origin shows in its Presentation tool. */
export function storefrontPolicy(nonce: string, dev: boolean, framed = false) {
  return csp({
    'default-src': ["'self'"],
    // React's development build evaluates code for its error overlays; production never does.
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': imageSources(),
    'font-src': ["'self'"],
    // Live content: locally the site's own /api/live-events; with Sanity, its live events API.
    'connect-src': ["'self'", ...liveEventSources()],
    'form-action': ["'self'"],
    'frame-ancestors': [framed ? "'self'" : "'none'"],
    'base-uri': ["'self'"],
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
    'img-src': [...imageSources(), ...(real ? [...SANITY_HOSTS, 'https://lh3.googleusercontent.com'] : [])],
    'font-src': ["'self'", 'data:', ...(real ? ['https://*.sanity.io'] : [])],
    // Locally the Studio talks only to its same-origin proxy; in development, also to Next's reload socket.
    'connect-src': [
      "'self'",
      ...(real ? [...SANITY_HOSTS, 'wss://*.sanity.io', 'https://*.api.sanity.io', 'wss://*.api.sanity.io'] : []),
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
  return config().siteUrl.startsWith('https://') ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}
}

import { config } from './env'

/** Where the embedded Studio reaches the local lake: same origin, so no CORS and no token in the browser. */
export const STUDIO_PROXY_PATH = '/api/studio-lake'

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'authorization', 'cookie'])

/**
 * Forwards a Studio request to the local lake with the write token added. Only in local mode:
 * with a real Sanity project the Studio talks to Sanity directly and this answers 404.
 * Writes must come from this site's own pages (Sec-Fetch-Site / Origin), never from another site.
 */
export async function proxyToLake(req: Request, path: string[]): Promise<Response> {
  const { sanity, siteUrl } = config()
  if (sanity.mode !== 'local' || !sanity.apiHost) return Response.json({ error: 'Not found' }, { status: 404 })
  if (req.method !== 'GET' && req.method !== 'HEAD' && !isSameOrigin(req, siteUrl)) {
    return Response.json({ error: 'Cross-site requests are not allowed' }, { status: 403 })
  }
  const incoming = new URL(req.url)
  const target = new URL(`${sanity.apiHost}/${path.map(encodeURIComponent).join('/')}${incoming.search}`)
  const headers = new Headers()
  req.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers.set(name, value)
  })
  headers.set('authorization', `Bearer ${sanity.writeToken}`)
  const upstream = await fetch(target, {
    method: req.method,
    headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer(),
    signal: req.signal,
    cache: 'no-store',
    redirect: 'manual',
  })
  const out = new Headers()
  upstream.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name.toLowerCase()) && name.toLowerCase() !== 'content-encoding') out.set(name, value)
  })
  // Stream the body through: listen is a long-lived event stream.
  return new Response(upstream.body, { status: upstream.status, headers: out })
}

function isSameOrigin(req: Request, siteUrl: string) {
  const site = req.headers.get('sec-fetch-site')
  if (site) return site === 'same-origin'
  const origin = req.headers.get('origin')
  return origin === null || origin === new URL(req.url).origin || origin === siteUrl
}

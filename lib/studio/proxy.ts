import 'server-only'
import type { NextRequest } from 'next/server'
import { LIMITS, limitedBody } from '../http/body'
import { HttpError } from '../http/errors'
import { STUDIO_SESSION_COOKIE } from './access'
import { admitStudioRequest } from './gate'

export { STUDIO_PROXY_PATH } from './gate'

/**
 * The lake paths the Studio uses, and nothing else: documents, listeners, live events, assets and
 * the project/user answers it loads with. (The lake's own router is the reference.)
 */
const STUDIO_PATHS = [
  /^v[^/]+\/data\/(query|doc|mutate|actions|history|listen|references|ping)(\/[^/]+)*$/,
  // The Presentation tool's live events (its loaders follow drafts).
  /^v[^/]+\/data\/live\/events\/[^/]+$/,
  /^v[^/]+\/listen-mux(\/[^/]+)*$/,
  /^v[^/]+\/assets\/(images|files)\/[^/]+$/,
  /^v[^/]+\/(users|projects|schedules|intake|journey|help|subscriptions|descriptors)(\/[^/]+)*$/,
  /^v[^/]+\/(features|ping|check\/cors|access\/requests\/me)$/,
  /^(images|files)\/[^/]+\/[^/]+\/[^/]+$/,
]

/** Request headers that must not reach the lake: the browser's credentials and origin are ours, not the lake's. */
const DROP_REQUEST = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'authorization',
  'cookie',
  'origin',
  'referer',
])
const DROP_RESPONSE = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'content-encoding',
  'content-length',
  'set-cookie',
])

/**
 * The content types the Studio reads through the proxy: JSON answers, event streams, and raster
 * images. Anything else the lake holds (an uploaded SVG or HTML file) would run as a page on the
 * store's origin if its type went through, so it is sent as an opaque download instead.
 */
const STUDIO_CONTENT_TYPES = new Set([
  'application/json',
  'text/event-stream',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
])

export function studioContentHeaders(upstreamType: string | null): Record<string, string> {
  const mime = (upstreamType ?? '').split(';')[0].trim().toLowerCase()
  if (STUDIO_CONTENT_TYPES.has(mime)) return { 'content-type': upstreamType! }
  return { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment' }
}

/**
 * Forwards a Studio request to the local lake with the write token added. Only in local mode
 * (with a real Sanity project the Studio talks to Sanity directly and this answers 404), only
 * for requests addressed to this site's own host (so a rebound DNS name cannot reach it), only
 * for a loopback client or a signed-in editor, and only from this site's own pages: reads too,
 * since every answer is made with the write token (drafts, orders).
 */
export async function proxyToLake(req: NextRequest, path: string[]): Promise<Response> {
  const admission = admitStudioRequest(
    req,
    req.cookies.get(STUDIO_SESSION_COOKIE)?.value,
    path.join('/'),
    STUDIO_PATHS,
  )
  if ('refusal' in admission)
    throw new HttpError(admission.refusal.status, admission.refusal.message)
  const { lake } = admission
  const reads = req.method === 'GET' || req.method === 'HEAD'

  const target = new URL(
    `${lake.apiHost}/${path.map(encodeURIComponent).join('/')}${req.nextUrl.search}`,
  )
  const headers = new Headers()
  req.headers.forEach((value, name) => {
    if (!DROP_REQUEST.has(name) && !name.startsWith('x-forwarded-') && !name.startsWith('sec-'))
      headers.set(name, value)
  })
  headers.set('authorization', `Bearer ${lake.writeToken}`)
  let upstream: Response
  try {
    upstream = await fetch(target, {
      method: req.method,
      headers,
      body: reads ? undefined : limitedBody(req, LIMITS.studio),
      // A streamed request body must say so (undici).
      ...(reads ? {} : { duplex: 'half' }),
      signal: req.signal,
      cache: 'no-store',
      redirect: 'manual',
    } as RequestInit)
  } catch (error) {
    // The body limit errors the upload stream; fetch reports it as its cause.
    const cause = (error as { cause?: unknown })?.cause
    if (cause instanceof HttpError) throw cause
    throw error
  }
  const out = new Headers()
  upstream.headers.forEach((value, name) => {
    if (
      !DROP_RESPONSE.has(name) &&
      !name.startsWith('access-control-') &&
      name !== 'content-disposition'
    )
      out.set(name, value)
  })
  out.delete('content-type')
  if (upstream.body)
    for (const [name, value] of Object.entries(
      studioContentHeaders(upstream.headers.get('content-type')),
    ))
      out.set(name, value)
  out.set('x-content-type-options', 'nosniff')
  // Stream the body through: listen is a long-lived event stream.
  return new Response(upstream.body, { status: upstream.status, headers: out })
}

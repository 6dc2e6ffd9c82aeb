import type { IncomingMessage, ServerResponse } from 'node:http'
import { LakeError, badRequest } from './errors'

const JSON_LIMIT = 8 * 1024 * 1024
export const ASSET_LIMIT = 32 * 1024 * 1024

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) throw new LakeError(413, 'requestTooLarge', `Body exceeds ${limit} bytes`)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new LakeError(413, 'requestTooLarge', `Body exceeds ${limit} bytes`)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req, JSON_LIMIT)
  try {
    return JSON.parse(raw.toString('utf8') || 'null')
  } catch {
    throw badRequest('Request body is not valid JSON', 'invalidJsonError')
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  const payload = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  })
  res.end(payload)
}

/**
 * No cross-origin reads of the API: the Studio reaches the lake through the store's same-origin
 * proxy, and the store's server through @sanity/client, neither of which needs CORS. Echoing any
 * Origin with credentials would let every web page a developer visits read the lake.
 */
export const PUBLIC_ASSET_CORS = { 'access-control-allow-origin': '*' }

/** Types a browser would run as a document (scripts in an SVG, HTML): never rendered from the lake's origin. */
const ACTIVE_TYPES =
  /^(image\/svg\+xml|text\/html|application\/xhtml\+xml|text\/xml|application\/xml|application\/pdf|text\/javascript|application\/javascript)$/

/**
 * Headers for serving an uploaded file. An `<img>` still shows an SVG, but opened as a page it is
 * a download in a sandbox with no origin, so an editor's upload cannot run script on any origin
 * that serves it (the lake's, or the store's through the Studio proxy).
 */
export function assetHeaders(type: string, filename: string) {
  return ACTIVE_TYPES.test(type)
    ? {
        'content-security-policy': 'sandbox',
        'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      }
    : {}
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Only requests addressed to this machine by a loopback name (or the configured public URL's
 * host): a hostile page whose DNS name is rebound to 127.0.0.1 still sends its own name.
 */
export function isAllowedHost(hostHeader: string | undefined, publicUrl: string | undefined) {
  let host: URL
  try {
    host = new URL(`http://${hostHeader ?? ''}`)
  } catch {
    return false
  }
  return (
    LOOPBACK_NAMES.has(host.hostname) ||
    (publicUrl !== undefined && host.host === new URL(publicUrl).host)
  )
}

import type { IncomingMessage, ServerResponse } from 'node:http'
import { LakeError, badRequest } from './errors'

export const JSON_LIMIT = 8 * 1024 * 1024
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

/** The Studio runs on another origin in local mode, so every answer carries CORS headers. */
export function applyCors(req: IncomingMessage, res: ServerResponse) {
  const origin = req.headers.origin
  if (!origin) return
  res.setHeader('access-control-allow-origin', origin)
  res.setHeader('access-control-allow-credentials', 'true')
  res.setHeader('vary', 'Origin')
  if (req.method === 'OPTIONS') {
    res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS')
    res.setHeader(
      'access-control-allow-headers',
      req.headers['access-control-request-headers'] ?? 'authorization, content-type',
    )
    res.setHeader('access-control-max-age', '600')
  }
}

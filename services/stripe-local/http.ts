import type { IncomingMessage, ServerResponse } from 'node:http'
import { invalid } from './errors'
import { stripeId } from './ids'

const BODY_LIMIT = 1024 * 1024

/** A JSON answer with its status, as an idempotency key keeps it. */
export type Reply = { status: number; body: unknown }

export async function readBody(req: IncomingMessage) {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > BODY_LIMIT) throw invalid('Request body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Sends a JSON answer with a `Request-Id`, as Stripe labels every answer. */
export function sendJson(res: ServerResponse, { status, body }: Reply) {
  const payload = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'request-id': stripeId('req', 14),
    'content-length': Buffer.byteLength(payload),
  })
  res.end(payload)
}

/** A path segment percent-decoded, as Stripe reads an id; a malformed escape is kept as written. */
export function decodeId(segment: string) {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

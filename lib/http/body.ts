import type { NextRequest } from 'next/server'
import { z } from 'zod'
import { HttpError } from './errors'

export const MAX_JSON_BYTES = 16 * 1024

/** Reads and validates a small JSON body: 415 for another content type, 413 when too large, 400 when invalid. */
export async function readJson<S extends z.ZodType>(req: NextRequest, schema: S, { optional = false } = {}): Promise<z.output<S>> {
  const declared = Number(req.headers.get('content-length') ?? 0)
  if (declared > MAX_JSON_BYTES) throw new HttpError(413, `Request body must be at most ${MAX_JSON_BYTES} bytes`)
  const text = await readLimited(req)
  if (text.trim() === '' && optional) return schema.parse(undefined)
  const type = req.headers.get('content-type') ?? ''
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'Send JSON with Content-Type: application/json')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON')
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue.path.length ? `${issue.path.join('.')}: ` : ''
    throw new HttpError(400, `Invalid request: ${where}${issue.message}`)
  }
  return parsed.data
}

/** For routes that take no body: still refuse an oversized one (413) rather than read it all. */
export async function refuseLargeBody(req: NextRequest) {
  const declared = Number(req.headers.get('content-length') ?? 0)
  if (declared > MAX_JSON_BYTES) throw new HttpError(413, `Request body must be at most ${MAX_JSON_BYTES} bytes`)
  await readLimited(req)
}

async function readLimited(req: NextRequest) {
  if (!req.body) return ''
  const reader = req.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_JSON_BYTES) {
      await reader.cancel()
      throw new HttpError(413, `Request body must be at most ${MAX_JSON_BYTES} bytes`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

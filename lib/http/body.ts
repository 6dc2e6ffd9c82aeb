import { z } from 'zod'
import { HttpError } from './errors'

/**
 * Every route reads its body through here: a declared Content-Length over the limit is refused
 * before reading, and a body without one is counted as it streams in and cut off at the limit,
 * so no request can make the server buffer more than the route allows.
 */
export const LIMITS = {
  /** Cart, promotion and lookup payloads. */
  json: 16 * 1024,
  /** Signed webhooks (Stripe's events, the content webhook's projection). */
  webhook: 256 * 1024,
  /** The local Studio's uploads through its lake proxy (the lake's own asset limit). */
  studio: 32 * 1024 * 1024,
}

const tooLarge = (limit: number) =>
  new HttpError(413, `Request body must be at most ${limit} bytes`)

function refuseDeclared(req: Request, limit: number) {
  const declared = Number(req.headers.get('content-length') ?? 0)
  if (declared > limit) throw tooLarge(limit)
}

/** The body as a stream that errors with a 413 once more than `limit` bytes have passed. */
export function limitedBody(req: Request, limit: number): ReadableStream<Uint8Array> | null {
  refuseDeclared(req, limit)
  if (!req.body) return null
  let size = 0
  return req.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength
        if (size > limit) controller.error(tooLarge(limit))
        else controller.enqueue(chunk)
      },
    }),
  )
}

/** The whole body as text, read under the limit (signatures are checked on exactly these bytes). */
export async function readText(req: Request, limit: number): Promise<string> {
  const body = limitedBody(req, limit)
  if (!body) return ''
  const chunks: Uint8Array[] = []
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Reads and validates a small JSON body: 415 for another content type, 413 when too large, 400 when invalid. */
export async function readJson<S extends z.ZodType>(
  req: Request,
  schema: S,
  { optional = false } = {},
): Promise<z.output<S>> {
  const text = await readText(req, LIMITS.json)
  if (text.trim() === '' && optional) return schema.parse(undefined)
  const type = req.headers.get('content-type') ?? ''
  if (!/^application\/json\b/i.test(type))
    throw new HttpError(415, 'Send JSON with Content-Type: application/json')
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
export async function refuseLargeBody(req: Request) {
  await readText(req, LIMITS.json)
}

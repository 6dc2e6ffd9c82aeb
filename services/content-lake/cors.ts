import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { LakeError } from './errors'

/** One entry of a project's CORS list, as `sanity cors add <origin> [--credentials]` makes it. */
export type CorsOrigin = { origin: string; credentials: boolean }

const ENTRY = z
  .string()
  .trim()
  .transform((entry, ctx): CorsOrigin => {
    const [origin = '', flag, ...extra] = entry.split(';').map((part) => part.trim())
    if (extra.length > 0 || (flag !== undefined && flag !== 'credentials')) {
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}": expected "origin" or "origin;credentials"`,
      })
      return z.NEVER
    }
    if (origin.includes('*')) {
      ctx.addIssue({
        code: 'custom',
        message: `"${origin}": wildcards are not supported, list each origin`,
      })
      return z.NEVER
    }
    let parsed: URL | undefined
    try {
      parsed = new URL(origin)
    } catch {
      // reported below
    }
    // Exactly scheme://host[:port], as a browser sends it in `Origin`: no wildcard, path or `null`.
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      const hint =
        parsed && /^https?:$/.test(parsed.protocol) ? ` (did you mean "${parsed.origin}"?)` : ''
      ctx.addIssue({
        code: 'custom',
        message: `"${origin}" is not an origin like http://localhost:3000${hint}`,
      })
      return z.NEVER
    }
    return { origin, credentials: flag === 'credentials' }
  })

/** `LAKE_CORS_ORIGINS`: comma-separated `origin` or `origin;credentials` entries. */
export function parseCorsOrigins(list: string): CorsOrigin[] {
  const entries = list.split(',').filter((entry) => entry.trim() !== '')
  const parsed = z.array(ENTRY).safeParse(entries)
  if (!parsed.success)
    throw new Error(
      `LAKE_CORS_ORIGINS: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
    )
  return parsed.data
}

/** What the Sanity clients send from a browser: the token, JSON bodies, a resumed stream's position, their ids. */
const ALLOWED_HEADERS =
  'Authorization, Content-Type, Last-Event-ID, X-Sanity-Project-ID, X-Sanity-App'
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS'

/**
 * Sanity's CORS model: a browser request from an origin on the project's list gets that origin
 * back (never `*`), and `Access-Control-Allow-Credentials` only if it was added with credentials.
 * A request from any other origin is refused with a 403 and no CORS header, so the browser shows
 * its page nothing. A request without `Origin` (a server, a same-origin proxy) is not a CORS request.
 */
export class CorsPolicy {
  private readonly byOrigin: Map<string, CorsOrigin>

  constructor(origins: CorsOrigin[]) {
    this.byOrigin = new Map(origins.map((entry) => [entry.origin, entry]))
  }

  /** The list entry for a request's origin: `undefined` without `Origin`, `null` when not on the list. */
  entryFor(req: IncomingMessage): CorsOrigin | null | undefined {
    const origin = req.headers.origin
    if (origin === undefined) return undefined
    return this.byOrigin.get(origin) ?? null
  }

  /** Sets the CORS headers an allowed origin gets on every answer, or refuses an origin not on the list. */
  admit(req: IncomingMessage, res: ServerResponse) {
    const entry = this.entryFor(req)
    if (entry === undefined) return
    res.setHeader('vary', 'Origin')
    if (entry === null)
      throw new LakeError(403, 'corsOriginError', `CORS origin not allowed: ${req.headers.origin}`)
    res.setHeader('access-control-allow-origin', entry.origin)
    if (entry.credentials) res.setHeader('access-control-allow-credentials', 'true')
  }

  /** A preflight: allowed origins learn the methods and headers they may use; others are refused. */
  preflight(req: IncomingMessage, res: ServerResponse) {
    this.admit(req, res)
    if (this.entryFor(req)) {
      res.setHeader('access-control-allow-methods', ALLOWED_METHODS)
      res.setHeader('access-control-allow-headers', ALLOWED_HEADERS)
      res.setHeader('access-control-max-age', '600')
    }
    res.writeHead(204).end()
  }

  /**
   * `GET /check/cors`, which @sanity/client asks (without credentials) when a live event stream
   * fails, to tell a CORS refusal from a network error. Any page may read the answer: it says
   * only whether the asking origin is on the list. Without `Origin` nothing is restricted.
   */
  checkAnswer(req: IncomingMessage) {
    const entry = this.entryFor(req)
    if (entry === undefined) return { result: { allowed: true, withCredentials: true } }
    return { result: { allowed: entry !== null, withCredentials: entry?.credentials ?? false } }
  }
}

import type { Route } from '../http/router'
import { badRequest } from './errors'

/** `/v2025-02-19/…`, `/v1/…`, `/vX/…`: the API version and the path after it. */
export const VERSIONED = /^\/v(\d{4}-\d{2}-\d{2}|\d+|X)(\/.*)$/

/** A route of the versioned API (services/http/router.ts), which may answer any browser origin. */
export type ApiRoute<Context> = Route<Context> & {
  /** Answered for any browser origin, because it tells a page whether its origin is allowed. */
  anyOrigin?: boolean
}

/** The decoded, non-empty segments of a path: `/a//b%20c/` is `['a', 'b c']`. */
export function pathSegments(path: string): string[] {
  try {
    return path.split('/').filter(Boolean).map(decodeURIComponent)
  } catch {
    throw badRequest('The request path is not valid percent-encoding')
  }
}

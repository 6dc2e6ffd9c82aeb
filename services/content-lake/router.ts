import { badRequest } from './errors'

/** `/v2025-02-19/…`, `/v1/…`, `/vX/…`: the API version and the path after it. */
export const VERSIONED = /^\/v(\d{4}-\d{2}-\d{2}|\d+|X)(\/.*)$/

/**
 * A route: the methods it answers (`*` for any) and a path pattern of segments, where `:name`
 * captures one segment, `:name?` an optional last one, and a final `*` whatever follows.
 */
export type Route<Context> = {
  methods: readonly string[]
  pattern: string
  handle: (ctx: Context, params: RouteParams) => unknown
  /** Answered for any browser origin, because it tells a page whether its origin is allowed. */
  anyOrigin?: boolean
}

export type RouteParams = { named: Record<string, string | undefined>; rest: string[] }

/** The decoded, non-empty segments of a path: `/a//b%20c/` is `['a', 'b c']`. */
export function pathSegments(path: string): string[] {
  try {
    return path.split('/').filter(Boolean).map(decodeURIComponent)
  } catch {
    throw badRequest('The request path is not valid percent-encoding')
  }
}

export function findRoute<Context>(
  routes: readonly Route<Context>[],
  method: string,
  segments: string[],
) {
  for (const route of routes) {
    if (!route.methods.includes('*') && !route.methods.includes(method)) continue
    const params = matchPattern(route.pattern, segments)
    if (params) return { route, params }
  }
  return undefined
}

function matchPattern(pattern: string, segments: string[]): RouteParams | undefined {
  const parts = pattern.split('/').filter(Boolean)
  const named: Record<string, string | undefined> = {}
  for (const [index, part] of parts.entries()) {
    if (part === '*') return { named, rest: segments.slice(index) }
    const segment = segments[index]
    if (part.startsWith(':')) {
      const optional = part.endsWith('?')
      if (segment === undefined && !optional) return undefined
      named[part.slice(1, optional ? -1 : undefined)] = segment
    } else if (segment !== part) return undefined
  }
  return segments.length <= parts.length ? { named, rest: [] } : undefined
}

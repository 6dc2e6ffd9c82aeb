/**
 * A route: the methods it answers (`*` for any) and a path pattern of segments, where `:name`
 * captures one non-empty segment, `:name?` an optional last one, and a final `*` whatever follows.
 */
export type Route<Context> = {
  methods: readonly string[]
  pattern: string
  handle: (ctx: Context, params: RouteParams) => unknown
}

export type RouteParams = { named: Record<string, string | undefined>; rest: string[] }

/** The first route whose methods include `method` and whose pattern matches `segments`. */
export function findRoute<R extends Pick<Route<never>, 'methods' | 'pattern'>>(
  routes: readonly R[],
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
      if (!segment && !optional) return undefined
      named[part.slice(1, optional ? -1 : undefined)] = segment
    } else if (segment !== part) return undefined
  }
  return segments.length <= parts.length ? { named, rest: [] } : undefined
}

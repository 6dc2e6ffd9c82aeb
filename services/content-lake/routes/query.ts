import { perspectiveOf, type ApiContext } from '../context'
import { badRequest } from '../errors'
import { readJson, sendJson } from '../http'
import { paramsFromSearch } from '../query'
import type { RouteParams } from '../../http/router'

/** `GET, POST /data/query/:dataset`: GROQ with `$param` query parameters or a `{query, params}` body. */
export async function query(ctx: ApiContext, { named }: RouteParams) {
  const ds = ctx.lake.dataset(named.dataset)
  let groq = ctx.url.searchParams.get('query')
  let params = paramsFromSearch(ctx.url.searchParams)
  if (ctx.req.method === 'POST') {
    const body = (await readJson(ctx.req)) as { query?: unknown; params?: unknown } | null
    groq = typeof body?.query === 'string' ? body.query : null
    if (
      body?.params !== undefined &&
      (typeof body.params !== 'object' || body.params === null || Array.isArray(body.params))
    ) {
      throw badRequest('"params" must be an object', 'queryParseError')
    }
    params = { ...params, ...(body?.params as Record<string, unknown> | undefined) }
  }
  if (!groq) throw badRequest('Missing "query"', 'queryParseError')
  const started = performance.now()
  const { result, syncTags } = await ds.query(groq, params, perspectiveOf(ctx), {
    anonymous: ctx.access === 'none',
  })
  // `returnQuery=false` (what next-sanity sends) leaves the query out, as Sanity does.
  const echo = ctx.url.searchParams.get('returnQuery') === 'false' ? {} : { query: groq }
  sendJson(ctx.res, 200, {
    ...echo,
    result: result ?? null,
    syncTags,
    ms: Math.round(performance.now() - started),
  })
}

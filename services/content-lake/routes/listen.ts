import { requireRead, type ApiContext, type Access } from '../context'
import { badRequest, notFound } from '../errors'
import { readJson, sendJson } from '../http'
import { randomId } from '../ids'
import { ListenerHub, startEventStream, writeEvent, type ListenOptions } from '../listeners'
import { paramsFromSearch } from '../query'
import type { RouteParams } from '../../http/router'

/** `GET /data/listen/:dataset`: server-sent mutation events for documents matching a GROQ filter. */
export function listen(ctx: ApiContext, { named }: RouteParams) {
  const ds = ctx.lake.dataset(named.dataset)
  requireRead(ctx)
  ds.listeners.open(ctx.res, listenOptions(ctx.url.searchParams, ctx.access))
}

/**
 * `/listen-mux/…`: many listeners over one event stream. A browser opens at most six HTTP/1.1
 * connections to a host and the Studio keeps more listeners than that open (Sanity's API uses
 * HTTP/2), so locally the Studio multiplexes them: `open` starts the stream, `subscribe` adds a
 * listen URL to it, `unsubscribe` removes one. Events arrive as `event: m` with `{s, t, d, i}`.
 */
export async function listenMux(ctx: ApiContext, { rest }: RouteParams) {
  requireRead(ctx)
  const { muxStreams } = ctx.lake
  if (ctx.req.method === 'GET' && rest[0] === 'open') {
    const streamId = randomId()
    startEventStream(ctx.res)
    const stream = { res: ctx.res, access: ctx.access, subs: new Map<string, () => void>() }
    muxStreams.set(streamId, stream)
    writeEvent(ctx.res, 'mux-open', { streamId })
    ctx.res.on('close', () => {
      for (const unsubscribe of stream.subs.values()) unsubscribe()
      muxStreams.delete(streamId)
    })
    return
  }
  const stream = muxStreams.get(rest[0] ?? '')
  if (ctx.req.method !== 'POST' || !stream) throw notFound('No such listener stream')
  const body = (await readJson(ctx.req)) as { id?: unknown; url?: unknown } | null
  const id = typeof body?.id === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(body.id) ? body.id : null
  if (!id) throw badRequest('"id" is required')
  if (rest[1] === 'unsubscribe') {
    stream.subs.get(id)?.()
    stream.subs.delete(id)
    return sendJson(ctx.res, 200, { ok: true })
  }
  if (rest[1] !== 'subscribe' || typeof body?.url !== 'string')
    throw badRequest('Expected subscribe {id, url} or unsubscribe {id}')
  const target = new URL(body.url, 'http://lake.local')
  const match = /^\/v[^/]+\/data\/listen\/([^/]+)$/.exec(target.pathname)
  if (!match) throw badRequest('"url" must be a /data/listen URL')
  const options = listenOptions(target.searchParams, stream.access)
  stream.subs.get(id)?.()
  stream.subs.set(
    id,
    ctx.lake
      .dataset(decodeURIComponent(match[1]))
      .listeners.subscribe((t, d, i) => writeEvent(stream.res, 'm', { s: id, t, d, i }), options),
  )
  sendJson(ctx.res, 200, { ok: true })
}

/** A listen request's filter and flags, from its query string. */
function listenOptions(search: URLSearchParams, access: Access): ListenOptions {
  const groq = search.get('query')
  if (!groq) throw badRequest('Missing "query"', 'queryParseError')
  const params = paramsFromSearch(search)
  let filter
  try {
    filter = ListenerHub.parseFilter(groq, params)
  } catch (error) {
    throw badRequest((error as Error).message, 'queryParseError', { query: groq })
  }
  const flag = (name: string, fallback: boolean) => {
    const value = search.get(name)
    return value === null ? fallback : value === 'true'
  }
  return {
    filter,
    params,
    includeResult: flag('includeResult', true),
    includePreviousRevision: flag('includePreviousRevision', false),
    includeMutations: flag('includeMutations', true),
    includeAllVersions: flag('includeAllVersions', false),
    includeDrafts: access !== 'none',
    mendoza: search.get('effectFormat') === 'mendoza',
  }
}

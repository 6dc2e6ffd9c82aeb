import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { AssetStore, mimeFor, type AssetKind } from './assets'
import { Dataset } from './dataset'
import { LakeError, badRequest, notFound, unauthorized } from './errors'
import { ASSET_LIMIT, PUBLIC_ASSET_CORS, assetHeaders, isAllowedHost, readBody, readJson, sendJson } from './http'
import { actionsToMutations } from './actions'
import { ListenerHub, startEventStream, writeEvent, type ListenOptions } from './listeners'
import { randomId } from './ids'
import { needsToken, parsePerspective, type Perspective } from './perspective'
import { paramsFromSearch } from './query'
import { importNdjson } from './seed'
import type { SanityDocument } from './store'
import { studioAnswer } from './studio-endpoints'
import { createWebhookSender } from './webhooks'
import { HEALTH_PATH, healthAnswer } from '../shared/health'

export type LakeConfig = {
  port: number
  host: string
  dataDir: string
  projectId: string
  /** Base URL that asset `url`s point at (what a browser can reach). */
  publicUrl?: string
  readToken: string
  writeToken: string
  /**
   * Like a public Sanity dataset: anonymous clients may read published documents. Off by default,
   * because orders (emails, addresses) live in the same dataset: the store reads with its token.
   */
  publicReads?: boolean
  /** Signed change notifications for published documents, like a GROQ-powered webhook. */
  webhook?: { url: string; secret: string }
  /** Imported into `dataset` when that dataset is empty at startup. */
  seed?: { dataset: string; path: string }
}

type Access = 'none' | 'read' | 'write'
type Ctx = { req: IncomingMessage; res: ServerResponse; url: URL; apiVersion: string; access: Access }

const DATASET_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/

export async function startLake(config: LakeConfig) {
  const datasets = new Map<string, Dataset>()
  const muxStreams = new Map<string, { res: ServerResponse; access: Access; subs: Map<string, () => void> }>()
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      const lakeError = error instanceof LakeError ? error : new LakeError(500, 'internalError', 'Internal error')
      if (!(error instanceof LakeError)) console.error('[content-lake]', error)
      if (res.headersSent) return res.end()
      sendJson(res, lakeError.statusCode, lakeError.toBody())
    })
  })
  server.listen(config.port, config.host)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${config.host}:${port}`
  const assets = new AssetStore(join(config.dataDir, 'assets'), config.publicUrl ?? url, config.projectId)
  const notify = config.webhook ? createWebhookSender(config.webhook.url, config.webhook.secret) : undefined

  function dataset(name: string | undefined) {
    if (!name || !DATASET_NAME.test(name)) throw notFound(`Dataset "${name ?? ''}" not found`)
    let ds = datasets.get(name)
    if (!ds) {
      ds = new Dataset(config.dataDir, name, config.projectId)
      ds.onCommit = notify
      datasets.set(name, ds)
    }
    return ds
  }

  if (config.seed) {
    const target = dataset(config.seed.dataset)
    if (target.store.isEmpty) {
      const count = await importNdjson(config.seed.path, target, assets)
      console.log(`[content-lake] seeded ${count} documents into "${target.name}"`)
    }
  }

  function accessOf(req: IncomingMessage): Access {
    const header = req.headers.authorization ?? ''
    const token = header.startsWith('Bearer ') ? header.slice(7) : ''
    if (!token) return 'none'
    if (safeEqual(token, config.writeToken)) return 'write'
    if (safeEqual(token, config.readToken)) return 'read'
    throw unauthorized('Session not found: the token is not valid for this project')
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (!isAllowedHost(req.headers.host, config.publicUrl))
      throw new LakeError(421, 'misdirectedRequest', 'This lake answers only to loopback names')
    if (req.method === 'OPTIONS') return void res.writeHead(204).end()
    const url = new URL(req.url ?? '/', 'http://lake.local')
    if (url.pathname === HEALTH_PATH) return sendJson(res, 200, healthAnswer(config.writeToken, url))
    // Asset URLs are unversioned, like Sanity's CDN: /images/<project>/<dataset>/<file>
    const asset = /^\/(images|files)\/[^/]+\/([^/]+)\/([^/]+)$/.exec(url.pathname)
    if (asset && req.method === 'GET') return serveAsset(res, asset[2], asset[3])
    const versioned = /^\/v(\d{4}-\d{2}-\d{2}|\d+|X)(\/.*)$/.exec(url.pathname)
    if (!versioned) throw notFound(`No route for ${url.pathname}`)
    const [, apiVersion, path] = versioned
    const ctx: Ctx = { req, res, url, apiVersion, access: accessOf(req) }
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent)
    if (parts[0] === 'listen-mux') return mux(ctx, parts.slice(1))
    if (req.method === 'POST' && path === '/_test/faults') return setFaults(ctx)
    const route = `${req.method} /${parts.slice(0, 2).join('/')}`

    switch (route) {
      case 'GET /data/query':
      case 'POST /data/query':
        return query(ctx, dataset(parts[2]))
      case 'GET /data/doc':
        return getDocuments(ctx, dataset(parts[2]), parts[3] ?? '')
      case 'POST /data/mutate':
        return mutate(ctx, dataset(parts[2]))
      case 'POST /data/actions':
        return actions(ctx, dataset(parts[2]))
      case 'GET /data/history':
        return history(ctx, dataset(parts[2]), parts.slice(3))
      case 'GET /data/listen':
        return listen(ctx, dataset(parts[2]))
      case 'GET /data/live':
        if (parts[2] !== 'events') break
        return liveEvents(ctx, dataset(parts[3]))
      case 'POST /assets/images':
      case 'POST /assets/files':
        return upload(ctx, parts[1] as AssetKind, dataset(parts[2]))
    }
    const answer = studioAnswer(req.method ?? 'GET', parts, config.projectId, config.seed?.dataset ?? 'production')
    if (answer !== undefined) return sendJson(res, 200, answer)
    throw notFound(`No route for ${req.method} ${path}`)
  }

  async function actions(ctx: Ctx, ds: Dataset) {
    if (ctx.access !== 'write') throw unauthorized('Actions require a token with write access')
    const body = (await readJson(ctx.req)) as { actions?: unknown; transactionId?: unknown; dryRun?: unknown } | null
    const transactionId =
      typeof body?.transactionId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(body.transactionId) ? body.transactionId : undefined
    const result = await ds.mutate((read: (id: string) => SanityDocument | null) => actionsToMutations(body?.actions, read), {
      transactionId,
      dryRun: body?.dryRun === true,
    })
    sendJson(ctx.res, 200, { transactionId: result.transactionId })
  }

  /** Just enough history for the Studio's panels: the current revision, and no past transactions. */
  function history(ctx: Ctx, ds: Dataset, rest: string[]) {
    requireRead(ctx)
    if (rest[0] === 'documents' && rest[1]) {
      const docs = rest[1].split(',').flatMap((id) => (ds.store.get(id) ? [ds.store.get(id)] : []))
      return sendJson(ctx.res, 200, { documents: docs })
    }
    if (rest[0] === 'transactions') {
      ctx.res.writeHead(200, { 'content-type': 'application/x-ndjson' })
      return ctx.res.end()
    }
    return sendJson(ctx.res, 200, { events: {}, nextCursor: '' })
  }

  function requireRead(ctx: Ctx) {
    if (ctx.access === 'none' && !config.publicReads) throw unauthorized('This dataset is private: reading requires a token')
  }

  function perspectiveOf(ctx: Ctx): Perspective {
    requireRead(ctx)
    const perspective = parsePerspective(ctx.url.searchParams.get('perspective'), ctx.apiVersion)
    if (needsToken(perspective) && ctx.access === 'none') {
      throw unauthorized('Reading drafts or raw documents requires a token')
    }
    return perspective
  }

  async function query(ctx: Ctx, ds: Dataset) {
    let groq = ctx.url.searchParams.get('query')
    let params = paramsFromSearch(ctx.url.searchParams)
    if (ctx.req.method === 'POST') {
      const body = (await readJson(ctx.req)) as { query?: unknown; params?: unknown } | null
      groq = typeof body?.query === 'string' ? body.query : null
      if (body?.params !== undefined && (typeof body.params !== 'object' || body.params === null || Array.isArray(body.params))) {
        throw badRequest('"params" must be an object', 'queryParseError')
      }
      params = { ...params, ...(body?.params as Record<string, unknown> | undefined) }
    }
    if (!groq) throw badRequest('Missing "query"', 'queryParseError')
    const started = performance.now()
    const { result, syncTags } = await ds.query(groq, params, perspectiveOf(ctx), { anonymous: ctx.access === 'none' })
    // `returnQuery=false` (what next-sanity sends) leaves the query out, as Sanity does.
    const echo = ctx.url.searchParams.get('returnQuery') === 'false' ? {} : { query: groq }
    sendJson(ctx.res, 200, { ...echo, result: result ?? null, syncTags, ms: Math.round(performance.now() - started) })
  }

  function getDocuments(ctx: Ctx, ds: Dataset, idList: string) {
    requireRead(ctx)
    const ids = idList.split(',').filter(Boolean)
    if (ids.length === 0) throw badRequest('No document ids given')
    const documents = []
    const omitted = []
    for (const id of ids) {
      const doc = ds.store.get(id)
      // Without a token, no document under a path: drafts, versions, or the store's private `orders.…`.
      const hidden = ctx.access === 'none' && id.includes('.')
      if (doc && !hidden) documents.push(doc)
      else omitted.push({ id, reason: hidden ? 'permission' : 'existence' })
    }
    sendJson(ctx.res, 200, { documents, omitted })
  }

  /**
   * Test control (write token only): `{ "refuseMutations": 0.5 }` answers that share of mutations
   * with Sanity's 429, which @sanity/client does not retry, so tests can show the store's own retries.
   */
  const faults = { refuseMutations: 0 }
  async function setFaults(ctx: Ctx) {
    if (ctx.access !== 'write') throw unauthorized('Faults require a token with write access')
    const body = (await readJson(ctx.req)) as { refuseMutations?: unknown } | null
    const share = body?.refuseMutations
    if (typeof share !== 'number' || share < 0 || share > 1) throw badRequest('"refuseMutations" must be a number from 0 to 1')
    faults.refuseMutations = share
    sendJson(ctx.res, 200, faults)
  }

  async function mutate(ctx: Ctx, ds: Dataset) {
    if (ctx.access !== 'write') throw unauthorized('Mutations require a token with write access')
    if (Math.random() < faults.refuseMutations) throw new LakeError(429, 'rateLimitError', 'API rate limit exceeded')
    const body = (await readJson(ctx.req)) as { mutations?: unknown; transactionId?: unknown } | null
    const search = ctx.url.searchParams
    const transactionId =
      typeof body?.transactionId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(body.transactionId) ? body.transactionId : undefined
    const { transactionId: tx, results } = await ds.mutate(body?.mutations, {
      transactionId,
      dryRun: search.get('dryRun') === 'true',
      autoGenerateArrayKeys: search.get('autoGenerateArrayKeys') === 'true',
    })
    const returnDocuments = search.get('returnDocuments') !== 'false'
    sendJson(ctx.res, 200, {
      transactionId: tx,
      results: results.map(({ id, operation, document }) => (returnDocuments ? { id, operation, document } : { id, operation })),
    })
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

  function listen(ctx: Ctx, ds: Dataset) {
    requireRead(ctx)
    ds.listeners.open(ctx.res, listenOptions(ctx.url.searchParams, ctx.access))
  }

  /**
   * The Live Content API's event stream. Published events carry only sync tags, never content,
   * so they need no token even from a private dataset (a site's browsers listen anonymously);
   * `includeDrafts=true` needs one. `tag`, `returnQuery`, `lastLiveEventId`, `cacheMode` and
   * `variant` are accepted and ignored; a reconnect resumes from `Last-Event-ID`.
   */
  function liveEvents(ctx: Ctx, ds: Dataset) {
    const includeDrafts = ctx.url.searchParams.get('includeDrafts') === 'true'
    if (includeDrafts && ctx.access === 'none') throw unauthorized('Live events with drafts require a token')
    const header = ctx.req.headers['last-event-id']
    ds.live.open(ctx.res, { includeDrafts, lastEventId: typeof header === 'string' ? header.trim() : undefined })
  }

  /**
   * Many listeners over one event stream. A browser opens at most six HTTP/1.1 connections to
   * a host and the Studio keeps more listeners than that open (Sanity's API uses HTTP/2), so
   * locally the Studio multiplexes them: `open` starts the stream, `subscribe` adds a listen
   * URL to it, `unsubscribe` removes one. Events arrive as `event: m` with `{s, t, d, i}`.
   */
  async function mux(ctx: Ctx, rest: string[]) {
    requireRead(ctx)
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
    if (rest[1] !== 'subscribe' || typeof body?.url !== 'string') throw badRequest('Expected subscribe {id, url} or unsubscribe {id}')
    const target = new URL(body.url, 'http://lake.local')
    const match = /^\/v[^/]+\/data\/listen\/([^/]+)$/.exec(target.pathname)
    if (!match) throw badRequest('"url" must be a /data/listen URL')
    const options = listenOptions(target.searchParams, stream.access)
    stream.subs.get(id)?.()
    stream.subs.set(
      id,
      dataset(decodeURIComponent(match[1])).listeners.subscribe((t, d, i) => writeEvent(stream.res, 'm', { s: id, t, d, i }), options),
    )
    sendJson(ctx.res, 200, { ok: true })
  }

  async function upload(ctx: Ctx, kind: AssetKind, ds: Dataset) {
    if (ctx.access !== 'write') throw unauthorized('Uploading assets requires a token with write access')
    const bytes = await readBody(ctx.req, ASSET_LIMIT)
    const filename = ctx.url.searchParams.get('filename') ?? undefined
    const asset = assets.save(kind, ds.name, bytes, filename)
    await ds.mutate([{ createIfNotExists: asset }])
    sendJson(ctx.res, 200, { document: ds.store.get(asset._id) })
  }

  function serveAsset(res: ServerResponse, datasetName: string, name: string) {
    // Transform parameters (w, h, fit, auto…) are ignored: the original bytes are served.
    const bytes = DATASET_NAME.test(datasetName) ? assets.read(datasetName, name) : null
    if (!bytes) throw notFound('Asset not found')
    res.writeHead(200, {
      'content-type': mimeFor(name),
      'content-length': bytes.length,
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      ...PUBLIC_ASSET_CORS,
      ...assetHeaders(mimeFor(name), name),
    })
    res.end(bytes)
  }

  return {
    url,
    port,
    async close() {
      for (const ds of datasets.values()) ds.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function safeEqual(a: string, b: string) {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { AssetStore } from './assets'
import type { LakeConfig } from './config'
import { accessOf, type Lake } from './context'
import { CorsPolicy } from './cors'
import { DATASET_NAME, Dataset } from './dataset'
import { LakeError, notFound } from './errors'
import { isAllowedHost, sendJson } from './http'
import { presenceSockets } from './presence-socket'
import { VERSIONED, pathSegments } from './router'
import { API_ROUTES, ROOT_ROUTES } from './routes'
import { importNdjson } from './seed'
import { createWebhookSender } from './webhooks'
import { findRoute } from '../http/router'

export type { LakeConfig } from './config'

/**
 * Starts the lake: one HTTP server that checks the Host and the browser origin, then hands the
 * request to the first route of the table in routes/index.ts that matches its method and path.
 */
export async function startLake(config: LakeConfig) {
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      const lakeError =
        error instanceof LakeError ? error : new LakeError(500, 'internalError', 'Internal error')
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
  const datasets = new Map<string, Dataset>()
  const notify = config.webhook
    ? createWebhookSender(config.webhook.url, config.webhook.secret)
    : undefined

  const lake: Lake = {
    config,
    cors: new CorsPolicy(config.corsOrigins ?? []),
    assets: new AssetStore(
      join(config.dataDir, 'assets'),
      config.publicUrl ?? url,
      config.projectId,
    ),
    dataset(name) {
      if (!name || !DATASET_NAME.test(name)) throw notFound(`Dataset "${name ?? ''}" not found`)
      let ds = datasets.get(name)
      if (!ds) {
        ds = new Dataset(config.dataDir, name, config.projectId)
        ds.onCommit = notify
        datasets.set(name, ds)
      }
      return ds
    },
    faults: { refuseMutations: 0 },
    muxStreams: new Map(),
  }

  const presence = presenceSockets(lake)
  server.on('upgrade', presence.upgrade)

  if (config.seed) {
    const target = lake.dataset(config.seed.dataset)
    if (target.store.isEmpty) {
      const count = await importNdjson(config.seed.path, target, lake.assets)
      console.log(`[content-lake] seeded ${count} documents into "${target.name}"`)
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (!isAllowedHost(req.headers.host, config.publicUrl))
      throw new LakeError(421, 'misdirectedRequest', 'This lake answers only to loopback names')
    if (req.method === 'OPTIONS') return lake.cors.preflight(req, res)
    const url = new URL(req.url ?? '/', 'http://lake.local')
    const method = req.method ?? 'GET'
    const root = findRoute(ROOT_ROUTES, method, pathSegments(url.pathname))
    if (root) return root.route.handle({ lake, req, res, url }, root.params)
    const versioned = VERSIONED.exec(url.pathname)
    if (!versioned) throw notFound(`No route for ${url.pathname}`)
    const [, apiVersion, path] = versioned
    const found = findRoute(API_ROUTES, method, pathSegments(path))
    if (!found?.route.anyOrigin) lake.cors.admit(req, res)
    const ctx = { lake, req, res, url, apiVersion, access: accessOf(req, config) }
    if (!found) throw notFound(`No route for ${method} ${path}`)
    return found.route.handle(ctx, found.params)
  }

  return {
    url,
    port,
    async close() {
      for (const ds of datasets.values()) ds.close()
      presence.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

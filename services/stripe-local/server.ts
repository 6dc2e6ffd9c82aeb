import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import qs from 'qs'
import { findRoute } from '../http/router'
import { authenticate } from './auth'
import type { StripeLocalConfig } from './config'
import { Double } from './double'
import { StripeError, unrecognized } from './errors'
import { decodeId, readBody, sendJson, type Reply } from './http'
import { IdempotencyKeys } from './idempotency'
import { expansions } from './params'
import { API_ROUTES, ROOT_ROUTES } from './routes'

/**
 * Starts the double: one HTTP server that hands a request to the first route of the tables in
 * routes/index.ts that matches its method and path. `/v1` requests are authenticated with the
 * secret key and have their params parsed first; every error is answered in Stripe's JSON shape.
 */
export async function startStripeLocal(config: StripeLocalConfig) {
  const double = new Double(config)
  const idempotency = new IdempotencyKeys()
  let baseUrl = ''

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://stripe.local')
    const root = findRoute(ROOT_ROUTES, req.method ?? '', url.pathname.split('/').slice(1))
    if (root) return root.route.handle({ double, req, res, url }, root.params)
    if (url.pathname.startsWith('/v1/')) return handleApi(req, res, url)
    throw unrecognized(req.method, url.pathname)
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL) {
    authenticate(req, config.secretKey)
    const method = req.method!
    const raw = method === 'POST' ? await readBody(req) : ''
    const params = qs.parse(method === 'POST' ? raw : url.search.slice(1), {
      depth: 10,
      arrayLimit: 100,
      parameterLimit: 5000,
    }) as Record<string, unknown>
    const answer = () => answerApi(method, url.pathname, params)
    const key =
      method === 'POST' ? (req.headers['idempotency-key'] as string | undefined) : undefined
    if (!key) return sendJson(res, await answer())
    const { replayed, reply } = idempotency.answer(key, `${method} ${url.pathname}\n${raw}`, answer)
    if (replayed) res.setHeader('idempotent-replayed', 'true')
    sendJson(res, await reply)
  }

  /**
   * The answer of the API route for `path`: `/v1/checkout/sessions/cs_…/line_items` is
   * `/checkout/sessions/:id/line_items` with its `id`. Empty segments count for nothing.
   */
  async function answerApi(
    method: string,
    path: string,
    params: Record<string, unknown>,
  ): Promise<Reply> {
    const found = findRoute(API_ROUTES, method, path.split('/').filter(Boolean).slice(1))
    if (!found) throw unrecognized(method, path)
    const id = decodeId(found.params.named.id ?? '')
    const ctx = { double, params, expand: expansions(params), id, baseUrl }
    return { status: 200, body: await found.route.handle(ctx, found.params) }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      const e =
        error instanceof StripeError
          ? error
          : new StripeError(
              500,
              'api_error',
              'An unexpected error occurred in the local Stripe double.',
            )
      if (!(error instanceof StripeError)) console.error('[stripe-local]', error)
      if (res.headersSent) return res.end()
      if (e.statusCode < 500) res.setHeader('stripe-should-retry', 'false')
      sendJson(res, { status: e.statusCode, body: e.toBody() })
    })
  })
  server.listen(config.port, config.host)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  baseUrl = `http://${config.host}:${(server.address() as AddressInfo).port}`

  return {
    url: baseUrl,
    async close() {
      double.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

import { NextRequest } from 'next/server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { HttpError } from '../http/errors'
import { startBuyingStack } from '../test/buying-stack'

/** The local Studio's lake proxy against a real lake process: who gets through, and what reaches the lake. */
let stack: Awaited<ReturnType<typeof startBuyingStack>>
let proxyToLake: typeof import('./proxy').proxyToLake
let studioContentHeaders: typeof import('./proxy').studioContentHeaders
/** The session the Studio link (`npm run dev` prints it) gives this machine's browser. */
let linkSession: string

beforeAll(async () => {
  stack = await startBuyingStack()
  ;({ proxyToLake, studioContentHeaders } = await import('./proxy'))
  const { newStudioSession, STUDIO_SESSION_COOKIE } = await import('./access')
  linkSession = `${STUDIO_SESSION_COOKIE}=${newStudioSession().value}`
})
afterAll(() => stack.stop())

const SITE = 'http://localhost:3999' // the buying stack's SITE_URL
const QUERY = ['v2025-02-19', 'data', 'query', 'production']
const ordersUrl = `${SITE}/api/studio-lake/${QUERY.join('/')}?query=${encodeURIComponent('count(*[_type == "product"])')}`

function request(
  url: string,
  {
    headers = {},
    ...init
  }: { headers?: Record<string, string>; method?: string; body?: BodyInit } = {},
) {
  const options = {
    ...init,
    headers: {
      host: 'localhost:3999',
      'x-forwarded-for': '127.0.0.1',
      cookie: linkSession,
      ...headers,
    },
    ...(init.body ? { duplex: 'half' } : {}),
  }
  return new NextRequest(url, options as ConstructorParameters<typeof NextRequest>[1])
}

const statusOf = (promise: Promise<Response>) =>
  promise.then(
    (res) => res.status,
    (error: HttpError) => error.status,
  )

describe('studio lake proxy', () => {
  it('answers a browser on this machine, with the write token added and no CORS headers passed back', async () => {
    const res = await proxyToLake(
      request(ordersUrl, { headers: { 'sec-fetch-site': 'same-origin' } }),
      QUERY,
    )
    expect(res.status).toBe(200)
    expect((await res.json()).result).toBeGreaterThan(0)
    expect([...res.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([])
  })

  it('refuses another program on this machine that has not opened the Studio link: loopback is every account here', async () => {
    const noSession = request(ordersUrl, {
      headers: { 'sec-fetch-site': 'same-origin', cookie: '' },
    })
    expect(await statusOf(proxyToLake(noSession, QUERY))).toBe(401)
    const forged = request(ordersUrl, {
      headers: { 'sec-fetch-site': 'same-origin', cookie: 'rw_studio=9999999999.forged' },
    })
    expect(await statusOf(proxyToLake(forged, QUERY))).toBe(401)
  })

  it('refuses a client that is not on this machine, even one that wrote 127.0.0.1 first', async () => {
    expect(
      await statusOf(
        proxyToLake(request(ordersUrl, { headers: { 'x-forwarded-for': '203.0.113.9' } }), QUERY),
      ),
    ).toBe(401)
    expect(
      await statusOf(
        proxyToLake(
          request(ordersUrl, { headers: { 'x-forwarded-for': '127.0.0.1, 203.0.113.9' } }),
          QUERY,
        ),
      ),
    ).toBe(401)
  })

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    expect(
      await statusOf(
        proxyToLake(request(ordersUrl, { headers: { host: 'rebound.example:3999' } }), QUERY),
      ),
    ).toBe(421)
  })

  it('forwards only the paths the Studio uses', async () => {
    expect(await statusOf(proxyToLake(request(`${SITE}/api/studio-lake/health`), ['health']))).toBe(
      404,
    )
    expect(
      await statusOf(
        proxyToLake(request(`${SITE}/api/studio-lake/v1/admin/x`), ['v1', 'admin', 'x']),
      ),
    ).toBe(404)
    expect(
      await statusOf(
        proxyToLake(request(`${SITE}/api/studio-lake/v1/data/live/x`), ['v1', 'data', 'live', 'x']),
      ),
    ).toBe(404)
  })

  it("forwards the Presentation tool's live events to the lake", async () => {
    const live = ['v2025-02-19', 'data', 'live', 'events', 'production']
    const controller = new AbortController()
    const req = new NextRequest(`${SITE}/api/studio-lake/${live.join('/')}?includeDrafts=true`, {
      headers: { host: 'localhost:3999', 'x-forwarded-for': '127.0.0.1', cookie: linkSession },
      signal: controller.signal,
    })
    // A Response, whatever the lake answers: the proxy itself refuses with an HttpError.
    const res = await proxyToLake(req, live)
    expect(res).toBeInstanceOf(Response)
    controller.abort()
  })

  it('refuses reads from another site too: they are made with the write token', async () => {
    expect(
      await statusOf(
        proxyToLake(request(ordersUrl, { headers: { 'sec-fetch-site': 'cross-site' } }), QUERY),
      ),
    ).toBe(403)
    expect(
      await statusOf(
        proxyToLake(request(ordersUrl, { headers: { 'sec-fetch-site': 'same-site' } }), QUERY),
      ),
    ).toBe(403)
    expect(
      await statusOf(
        proxyToLake(request(ordersUrl, { headers: { origin: 'https://evil.example' } }), QUERY),
      ),
    ).toBe(403)
  })

  it('passes through only the content types the Studio reads; anything else is an opaque download', () => {
    expect(studioContentHeaders('application/json; charset=utf-8')).toEqual({
      'content-type': 'application/json; charset=utf-8',
    })
    expect(studioContentHeaders('text/event-stream')).toEqual({
      'content-type': 'text/event-stream',
    })
    expect(studioContentHeaders('image/png')).toEqual({ 'content-type': 'image/png' })
    for (const unsafe of ['image/svg+xml', 'text/html', 'application/pdf', null])
      expect(studioContentHeaders(unsafe)).toEqual({
        'content-type': 'application/octet-stream',
        'content-disposition': 'attachment',
      })
  })

  it('refuses writes from another site', async () => {
    const mutate = ['v2025-02-19', 'data', 'mutate', 'production']
    const body = JSON.stringify({
      mutations: [{ createOrReplace: { _id: 'proxy-probe', _type: 'note' } }],
    })
    const cross = request(`${SITE}/api/studio-lake/${mutate.join('/')}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
    })
    expect(await statusOf(proxyToLake(cross, mutate))).toBe(403)
    expect(await stack.lake.client.getDocument('proxy-probe')).toBeUndefined()
  })

  it('cuts off an upload past the limit while it streams, with a 413 and nothing stored', async () => {
    const upload = ['v2025-02-19', 'assets', 'images', 'production']
    let sent = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1024 * 1024
        controller.enqueue(new Uint8Array(1024 * 1024))
      },
    })
    const res = proxyToLake(
      request(`${SITE}/api/studio-lake/${upload.join('/')}`, {
        method: 'POST',
        body: endless,
        headers: { 'content-type': 'image/png' },
      }),
      upload,
    )
    expect(await statusOf(res)).toBe(413)
    expect(sent).toBeLessThanOrEqual(40 * 1024 * 1024)
  })

  it('with LOCAL_STUDIO_PASSWORD set, asks everyone to sign in, and lets a signed-in editor through', async () => {
    vi.stubEnv('LOCAL_STUDIO_PASSWORD', 'correct horse battery')
    vi.resetModules()
    const { proxyToLake: withPassword } = await import('./proxy')
    const { newStudioSession, STUDIO_SESSION_COOKIE } = await import('./access')
    expect(await statusOf(withPassword(request(ordersUrl), QUERY))).toBe(401)
    const session = newStudioSession()
    expect(
      await statusOf(
        withPassword(
          request(ordersUrl, {
            headers: {
              cookie: `${STUDIO_SESSION_COOKIE}=${session.value}`,
              'x-forwarded-for': '203.0.113.9',
            },
          }),
          QUERY,
        ),
      ),
    ).toBe(200)
    const forged = session.value.slice(0, -1) + (session.value.endsWith('A') ? 'B' : 'A')
    expect(
      await statusOf(
        withPassword(
          request(ordersUrl, { headers: { cookie: `${STUDIO_SESSION_COOKIE}=${forged}` } }),
          QUERY,
        ),
      ),
    ).toBe(401)
    vi.stubEnv('LOCAL_STUDIO_PASSWORD', undefined as unknown as string)
  })
})

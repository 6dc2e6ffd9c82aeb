import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { NextRequest } from 'next/server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { HttpError } from '../http/errors'
import { startBuyingStack } from '../test/buying-stack'

/**
 * The Studio's stock routes (lib/studio/stock.ts behind app/api/studio/stock): who may read and
 * change stock in each mode, and what reaches PostgreSQL. Local mode runs against the seeded lake;
 * real mode against a stand-in for Sanity's API host that answers `/users/me` per token.
 */
let stack: Awaited<ReturnType<typeof startBuyingStack>>
let stock: typeof import('./stock')
/** The session the Studio link (`npm run dev` prints it) gives this machine's browser. */
let linkSession: string

beforeAll(async () => {
  stack = await startBuyingStack()
  stock = await import('./stock')
  const { newStudioSession, STUDIO_SESSION_COOKIE } = await import('./access')
  linkSession = `${STUDIO_SESSION_COOKIE}=${newStudioSession().value}`
})
afterAll(() => stack.stop())

const SITE = 'http://localhost:3999' // the buying stack's SITE_URL
const CAPS = { productId: 'product-magnesium-glycinate', variantKey: '60-caps' }

type Init = { method?: string; headers?: Record<string, string>; body?: string }
function request(path: string, { headers = {}, ...init }: Init = {}) {
  return new NextRequest(`${SITE}${path}`, {
    ...init,
    headers: {
      host: 'localhost:3999',
      'x-forwarded-for': '127.0.0.1',
      cookie: linkSession,
      ...headers,
    },
  })
}
const change = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  request('/api/studio/stock', {
    method: 'POST',
    body: JSON.stringify({
      requestId: randomUUID(),
      ...CAPS,
      kind: 'restock',
      quantity: 1,
      ...body,
    }),
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', ...headers },
  })
const read = (headers: Record<string, string> = {}, productId = CAPS.productId) =>
  request(`/api/studio/stock?productId=${encodeURIComponent(productId)}`, { headers })

const statusOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    // Modules loaded again for another configuration have their own HttpError class: go by the status.
    (error: HttpError) => {
      if (typeof error?.status !== 'number') throw error
      return error.status
    },
  )
const onHand = async () => (await stack.stock(CAPS.productId, CAPS.variantKey)).onHand

describe('local mode', () => {
  it('shows a browser on this machine each variant’s counts and the history', async () => {
    await stack.setStock(CAPS.productId, CAPS.variantKey, 40)
    const view = await stock.studioStock(read())
    expect(view.product).toEqual({ id: CAPS.productId, title: expect.any(String) })
    expect(view.variants.map((v) => v.key)).toEqual(['60-caps', '120-caps'])
    expect(view.variants[0]).toMatchObject({
      onHand: 40,
      held: 0,
      sold: 0,
      available: 40,
      sku: expect.any(String),
    })
    expect(view.editor).toEqual({ name: 'Local editor', canChange: true })
  })

  it('records a restock as the local editor, once per request id', async () => {
    const before = await onHand()
    const requestId = randomUUID()
    const first = await stock.changeStudioStock(
      change({ requestId, quantity: 6, note: 'delivery 114' }),
    )
    expect(first).toMatchObject({
      applied: true,
      change: {
        kind: 'restock',
        fromOnHand: before,
        toOnHand: before + 6,
        editor: 'Local editor',
        note: 'delivery 114',
      },
      level: { onHand: before + 6, available: before + 6 },
    })
    const repeat = await stock.changeStudioStock(
      change({ requestId, quantity: 6, note: 'delivery 114' }),
    )
    expect(repeat).toMatchObject({ applied: false, change: { id: first.change.id } })
    expect(await onHand()).toBe(before + 6)
    expect((await stock.studioStock(read())).changes[0]).toMatchObject({
      id: first.change.id,
      editor: 'Local editor',
    })
  })

  it('answers 401 to anyone not on this machine, whatever they send, and changes nothing', async () => {
    const before = await onHand()
    for (const forwarded of ['203.0.113.9', '127.0.0.1, 203.0.113.9', '10.1.2.3, 127.0.0.1']) {
      expect(await statusOf(stock.studioStock(read({ 'x-forwarded-for': forwarded })))).toBe(401)
      expect(
        await statusOf(stock.changeStudioStock(change({}, { 'x-forwarded-for': forwarded }))),
      ).toBe(401)
      expect(
        await statusOf(
          stock.changeStudioStock(
            change(
              {},
              { 'x-forwarded-for': forwarded, authorization: 'Bearer looks-like-a-token' },
            ),
          ),
        ),
      ).toBe(401)
    }
    expect(await onHand()).toBe(before)
  })

  it('refuses a change sent from another site, or to a rebound host name, and changes nothing', async () => {
    const before = await onHand()
    expect(
      await statusOf(stock.changeStudioStock(change({}, { 'sec-fetch-site': 'cross-site' }))),
    ).toBe(403)
    expect(
      await statusOf(stock.changeStudioStock(change({}, { 'sec-fetch-site': 'same-site' }))),
    ).toBe(403)
    const noFetchMetadata = { 'sec-fetch-site': '' }
    expect(
      await statusOf(
        stock.changeStudioStock(change({}, { ...noFetchMetadata, origin: 'https://evil.example' })),
      ),
    ).toBe(403)
    expect(
      await statusOf(stock.changeStudioStock(change({}, { host: 'rebound.example:3999' }))),
    ).toBe(421)
    expect(await statusOf(stock.studioStock(read({ host: 'rebound.example:3999' })))).toBe(421)
    expect(await onHand()).toBe(before)
  })

  it('answers bad input with a 4xx', async () => {
    const bad = async (body: Record<string, unknown>) =>
      statusOf(stock.changeStudioStock(change(body)))
    expect(await bad({ quantity: 0 })).toBe(400)
    expect(await bad({ quantity: 2.5 })).toBe(400)
    expect(await bad({ kind: 'correction', quantity: 3 })).toBe(400) // a correction gives the counted onHand
    expect(await bad({ kind: 'correction', onHand: -1 })).toBe(400)
    expect(await bad({ kind: 'theft', quantity: 3 })).toBe(400)
    expect(await bad({ requestId: 'again' })).toBe(400)
    expect(await bad({ productId: 'drafts.product-magnesium-glycinate' })).toBe(400)
    expect(await bad({ note: 'x'.repeat(501) })).toBe(400)
    expect(await bad({ variantKey: 'no-such-variant' })).toBe(404)
    expect(await bad({ productId: 'product-nobody-published' })).toBe(404)
    expect(await statusOf(stock.changeStudioStock(change({ note: 'x'.repeat(20_000) })))).toBe(413)
    expect(
      await statusOf(stock.changeStudioStock(change({}, { 'content-type': 'text/plain' }))),
    ).toBe(415)
    expect(await statusOf(stock.studioStock(read({}, 'drafts.x')))).toBe(400)
    expect(await statusOf(stock.studioStock(read({}, 'product-nobody-published')))).toBe(404)
  })

  it('with LOCAL_STUDIO_PASSWORD set, answers only an editor signed in with it, wherever they are', async () => {
    vi.stubEnv('LOCAL_STUDIO_PASSWORD', 'correct horse battery')
    vi.resetModules()
    try {
      const withPassword = await import('./stock')
      const { newStudioSession, STUDIO_SESSION_COOKIE } = await import('./access')
      expect(await statusOf(withPassword.changeStudioStock(change({})))).toBe(401) // loopback alone is not enough now
      const signedIn = {
        cookie: `${STUDIO_SESSION_COOKIE}=${newStudioSession().value}`,
        'x-forwarded-for': '203.0.113.9',
      }
      await expect(withPassword.changeStudioStock(change({}, signedIn))).resolves.toMatchObject({
        applied: true,
      })
      expect(
        await statusOf(
          withPassword.studioStock(
            read({ ...signedIn, cookie: `${STUDIO_SESSION_COOKIE}=1.forged` }),
          ),
        ),
      ).toBe(401)
    } finally {
      vi.stubEnv('LOCAL_STUDIO_PASSWORD', undefined as unknown as string)
      vi.resetModules()
    }
  })
})

/** Sanity's API host, as far as `/users/me` goes: a user per token, 401 for any other token, `{}` without one (as Sanity answers). */
const USERS: Record<string, object> = {
  'editor-token': {
    id: 'pEditor1',
    name: 'Ada Editor',
    email: 'ada@example.com',
    role: 'editor',
    roles: [{ name: 'editor', title: 'Editor' }],
  },
  'admin-token': {
    id: 'pAdmin1',
    name: 'Grace Admin',
    role: 'administrator',
    roles: [{ name: 'administrator' }],
  },
  'viewer-token': {
    id: 'pViewer1',
    name: 'Vic Viewer',
    role: 'viewer',
    roles: [{ name: 'viewer', title: 'Viewer' }],
  },
  'outsider-token': { id: 'pOutsider1', name: 'Not A Member', role: null, roles: [] },
}

describe('real mode: a Sanity token that Sanity vouches for', () => {
  let sanity: Server
  let apiHost: string
  let real: typeof import('./stock')
  let editor: typeof import('./editor')
  const seen: string[] = []
  let failing = false

  beforeAll(async () => {
    sanity = createServer((req, res) => {
      seen.push(`${req.method} ${req.url?.split('?')[0]} ${req.headers.authorization ?? '-'}`)
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
      res.setHeader('content-type', 'application/json')
      if (failing) return void res.writeHead(502).end(JSON.stringify({ error: 'Bad gateway' }))
      if (req.url?.split('?')[0] !== '/v2025-02-19/users/me')
        return void res.writeHead(404).end('{}')
      if (!token) return void res.end('{}')
      const user = USERS[token]
      if (!user)
        return void res.writeHead(401).end(
          JSON.stringify({
            statusCode: 401,
            error: 'Unauthorized',
            message: 'Session not found',
          }),
        )
      res.end(JSON.stringify(user))
    }).listen(0, '127.0.0.1')
    await new Promise((resolve) => sanity.once('listening', resolve))
    apiHost = `http://127.0.0.1:${(sanity.address() as AddressInfo).port}`
    for (const [name, value] of Object.entries({
      SANITY_PROJECT_ID: 'abc123',
      SANITY_API_READ_TOKEN: 'read-token-for-tests',
      SANITY_API_WRITE_TOKEN: 'write-token-for-tests',
      SANITY_REVALIDATE_SECRET: 'r'.repeat(32),
      SITE_URL: 'https://shop.example',
    }))
      vi.stubEnv(name, value)
    vi.resetModules()
    real = await import('./stock')
    editor = await import('./editor')
  })
  afterAll(() => {
    sanity.close()
    vi.unstubAllEnvs()
  })

  const asked = (headers: Record<string, string>) =>
    new NextRequest('https://shop.example/api/studio/stock?productId=product-magnesium-glycinate', {
      headers: { host: 'shop.example', 'x-forwarded-for': '198.51.100.7', ...headers },
    })
  const who = (token?: string) =>
    editor.studioEditor(asked(token ? { authorization: `Bearer ${token}` } : {}), {
      sanityApiHost: apiHost,
    })

  it('accepts an editor or an administrator, named by Sanity, after asking Sanity with their token', async () => {
    seen.length = 0
    await expect(who('editor-token')).resolves.toEqual({
      id: 'pEditor1',
      name: 'Ada Editor',
      canWrite: true,
    })
    await expect(who('admin-token')).resolves.toEqual({
      id: 'pAdmin1',
      name: 'Grace Admin',
      canWrite: true,
    })
    expect(seen).toEqual([
      'GET /v2025-02-19/users/me Bearer editor-token',
      'GET /v2025-02-19/users/me Bearer admin-token',
    ])
  })

  it('lets a viewer look but not change stock', async () => {
    await expect(who('viewer-token')).resolves.toMatchObject({ canWrite: false })
    const post = new NextRequest('https://shop.example/api/studio/stock', {
      method: 'POST',
      body: JSON.stringify({ requestId: randomUUID(), ...CAPS, kind: 'restock', quantity: 100 }),
      headers: {
        host: 'shop.example',
        'content-type': 'application/json',
        'sec-fetch-site': 'same-origin',
        authorization: 'Bearer viewer-token',
      },
    })
    expect(await statusOf(real.changeStudioStock(post, { sanityApiHost: apiHost }))).toBe(403)
  })

  it('answers 401 without a token, with one Sanity does not know, or one of someone outside the project', async () => {
    seen.length = 0
    expect(await statusOf(who())).toBe(401)
    expect(seen).toEqual([]) // no token: Sanity is not even asked
    expect(await statusOf(who('forged-token'))).toBe(401)
    expect(await statusOf(who('outsider-token'))).toBe(401)
    expect(
      await statusOf(
        editor.studioEditor(asked({ authorization: 'Basic editor-token' }), {
          sanityApiHost: apiHost,
        }),
      ),
    ).toBe(401)
  })

  it('does not let a loopback address stand in for a token (that is local mode only)', async () => {
    expect(
      await statusOf(
        editor.studioEditor(asked({ 'x-forwarded-for': '127.0.0.1' }), { sanityApiHost: apiHost }),
      ),
    ).toBe(401)
  })

  it('answers 503, not 401 or 500, when Sanity cannot say', async () => {
    failing = true
    try {
      expect(await statusOf(who('editor-token'))).toBe(503)
    } finally {
      failing = false
    }
  })
})

import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { presenceClient } from '../../services/content-lake/test/presence-client'
import { startBuyingStack } from '../test/buying-stack'

/** The Studio's presence socket through the store's server to a real lake: who gets through, and that tabs hear each other. */
let stack: Awaited<ReturnType<typeof startBuyingStack>>
let server: Server
let base: string
let linkSession: string

beforeAll(async () => {
  stack = await startBuyingStack()
  const { isStudioSocket, proxyStudioSocket } = await import('./socket')
  const { newStudioSession, STUDIO_SESSION_COOKIE } = await import('./access')
  linkSession = `${STUDIO_SESSION_COOKIE}=${newStudioSession().value}`
  server = createServer((_req, res) => res.writeHead(404).end())
  // As scripts/serve.ts does: the incoming chain, then the socket's peer.
  server.on('upgrade', (req, socket, head) => {
    req.headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.socket.remoteAddress]
      .filter(Boolean)
      .join(', ')
    if (isStudioSocket(req)) proxyStudioSocket(req, socket, head)
    else socket.destroy()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/studio-lake`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await stack.stop()
})

const SOCKET = '/v2022-06-30/socket/production?tag=sanity.studio'
/** What the Studio page's browser sends on this machine: the site's host and origin, and the session of the printed link. */
const browser = () => ({
  host: 'localhost:3999',
  origin: 'http://localhost:3999',
  'sec-fetch-site': 'same-origin',
  cookie: linkSession,
})

const open: ReturnType<typeof presenceClient>[] = []
function tab(headers: Record<string, string>, path = SOCKET) {
  const client = presenceClient(`${base}${path}`, headers)
  open.push(client)
  return client
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((client) => client.close()))
})

describe('studio presence socket', () => {
  it("carries two local tabs to the lake's presence room, where each hears the other", async () => {
    const a = tab(browser())
    const b = tab(browser())
    expect([await a.opened, await b.opened]).toEqual([101, 101])
    await a.call('presence_subscribe')
    await b.call('presence_subscribe')
    const locations = [
      {
        type: 'document',
        documentId: 'article-1',
        path: ['title'],
        lastActiveAt: '2026-12-07T10:00:00.000Z',
      },
    ]
    expect(
      (await b.call('presence_announce', { data: { sessionId: 'tab-b', locations } })).result,
    ).toBe(true)
    expect((await a.event('state')).params?.result).toEqual({
      type: 'state',
      i: 'local-editor',
      m: { sessionId: 'tab-b', locations },
    })
  })

  it('refuses a program on this machine without the Studio session, and a client elsewhere', async () => {
    expect(await tab({ ...browser(), cookie: '' }).opened).toBe(401)
    expect(await tab({ ...browser(), cookie: 'rw_studio=9999999999.forged' }).opened).toBe(401)
    expect(await tab({ ...browser(), 'x-forwarded-for': '203.0.113.9' }).opened).toBe(401)
  })

  it('refuses a page on another site, which would open it with the editor’s cookie', async () => {
    expect(
      await tab({ ...browser(), origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })
        .opened,
    ).toBe(403)
    expect(
      await tab({ ...browser(), origin: 'http://localhost:3999', 'sec-fetch-site': 'same-site' })
        .opened,
    ).toBe(403)
    const { 'sec-fetch-site': _, ...withoutFetchMetadata } = browser()
    expect(await tab({ ...withoutFetchMetadata, origin: 'https://evil.example' }).opened).toBe(403)
  })

  it('refuses another host name (DNS rebinding) and every path but the presence socket', async () => {
    expect(await tab({ ...browser(), host: 'rebound.example:3999' }).opened).toBe(421)
    expect(await tab(browser(), '/v2025-02-19/data/listen/production').opened).toBe(404)
    expect(await tab(browser(), '/health').opened).toBe(404)
  })
})

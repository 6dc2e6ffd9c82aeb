import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { healthAnswer } from '../services/shared/health'
import { LAKE_SCRIPT, lakeOwnership, provesOurs, startPostgres, startService } from './services'

const secrets = { SANITY_API_WRITE_TOKEN: 'sk_local_write_test' }
const servers: Server[] = []
afterEach(() => servers.splice(0).forEach((server) => server.close()))

/** An HTTP server on a free port that records what it was sent. */
async function listener(answer: (url: URL) => unknown) {
  const seen: IncomingHttpHeaders[] = []
  const server = createServer((req, res) => {
    seen.push(req.headers)
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(answer(new URL(req.url ?? '/', 'http://x'))))
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

describe('starting the local services', () => {
  it('refuses a port held by a program that answers /health but cannot prove the secret', async () => {
    const stranger = await listener(() => ({ status: 'ok', proof: 'made-up' }))
    const start = startService(
      'content lake',
      LAKE_SCRIPT,
      stranger.url,
      {},
      lakeOwnership(secrets),
    )
    await expect(start).rejects.toThrow(
      `${new URL(stranger.url).host} is taken by a program that is not this project's content lake`,
    )
    await expect(start).rejects.toThrow(/set LAKE_PORT to a free port/)
    // It was asked for proof and sent nothing else: no token, no request beyond the health check.
    expect(stranger.seen).toHaveLength(1)
    expect(stranger.seen[0].authorization).toBeUndefined()
  })

  it('reuses a service that proves it holds the secret', async () => {
    const ours = await listener((url) => healthAnswer(secrets.SANITY_API_WRITE_TOKEN, url))
    expect(await provesOurs(ours.url, secrets.SANITY_API_WRITE_TOKEN)).toBe(true)
    const service = await startService(
      'content lake',
      LAKE_SCRIPT,
      ours.url,
      {},
      lakeOwnership(secrets),
    )
    expect(service.child).toBeNull()
  })

  it('refuses a PostgreSQL port held by something that is not our cluster, without sending it the password', async () => {
    const stranger = await listener(() => ({}))
    const port = new URL(stranger.url).port
    const start = startPostgres(
      `postgres://restwell:secret@127.0.0.1:${port}/restwell`,
      '/nonexistent/cluster',
      'admin',
    )
    await expect(start).rejects.toThrow(
      new RegExp(`127.0.0.1:${port} is taken .* set PG_PORT to a free port`),
    )
    expect(stranger.seen).toHaveLength(0)
  })
})

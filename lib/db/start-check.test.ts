import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TLSSocket } from 'node:tls'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { testDatabase } from '../test/database'
import { freePort } from '../test/free-port'

/** The store's database modules as a fresh server would load them, with these variables. */
async function storeWith(env: Record<string, string>) {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
  vi.resetModules()
  return {
    ...(await import('./start-check')),
    ...(await import('./client')),
    ...(await import('../http/errors')),
  }
}

/**
 * A server that accepts PostgreSQL's SSLRequest and then presents a self-signed certificate, as a
 * Supabase or RDS server does to a client that does not know their CA.
 */
async function selfSignedServer(): Promise<{ server: Server; port: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'tls-'))
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-keyout',
      `${dir}/key.pem`,
      '-out',
      `${dir}/cert.pem`,
    ],
    {
      stdio: 'ignore',
    },
  )
  const [key, cert] = [readFileSync(`${dir}/key.pem`), readFileSync(`${dir}/cert.pem`)]
  const server = createServer((socket) => {
    socket.once('data', () => {
      socket.write('S')
      new TLSSocket(socket, { isServer: true, key, cert }).on('error', () => undefined)
    })
    socket.on('error', () => undefined)
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { server, port }
}

let url: string
beforeAll(async () => {
  url = await testDatabase() // claimed by the "local" environment, as config() names a store with no STORE_ENVIRONMENT
})
afterAll(() => vi.unstubAllEnvs())

describe('the database check as the store starts', () => {
  it('passes its own environment’s database, with the session limits in effect on the store’s connections', async () => {
    const { checkDatabaseAtStart } = await storeWith({ DATABASE_URL: url })
    expect(await checkDatabaseAtStart()).toEqual({
      ok: true,
      limits: {
        statement_timeout: '15s',
        lock_timeout: '5s',
        idle_in_transaction_session_timeout: '30s',
      },
      missing: [],
    })
  })

  it('stops a store of another environment, and its queries are refused with 503, not served', async () => {
    const { checkDatabaseAtStart, db, errorResponse } = await storeWith({
      DATABASE_URL: url,
      STORE_ENVIRONMENT: 'production',
    })
    expect(await checkDatabaseAtStart()).toEqual({
      ok: false,
      fatal: true,
      reason: expect.stringMatching(
        /belongs to the "local" environment and this store runs as "production"/,
      ),
    })
    const refused = await db()
      .execute(sql`select 1`)
      .catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(Error)
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    expect(errorResponse(refused).status).toBe(503)
    vi.restoreAllMocks()
    vi.unstubAllEnvs()
  })

  it('stops on a certificate that does not verify, saying to give the CA', async () => {
    const { server, port } = await selfSignedServer()
    try {
      const { checkDatabaseAtStart } = await storeWith({
        DATABASE_URL: `postgres://u:p@localhost:${port}/store?sslmode=verify-full`,
      })
      expect(await checkDatabaseAtStart()).toEqual({
        ok: false,
        fatal: true,
        reason: expect.stringMatching(
          /TLS certificate does not verify \(DEPTH_ZERO_SELF_SIGNED_CERT\).*sslrootcert=<file>.*DATABASE_CA_CERT/,
        ),
      })
    } finally {
      server.close()
    }
  })

  it('stops on a refused login, and on TLS asked of a server that has none', async () => {
    const wrongPassword = Object.assign(new URL(url), { password: 'not-the-password' }).toString()
    expect(
      await (await storeWith({ DATABASE_URL: wrongPassword })).checkDatabaseAtStart(),
    ).toMatchObject({
      fatal: true,
      reason: expect.stringMatching(/refused the login/),
    })
    const tls = `${url}?sslmode=verify-full`
    expect(await (await storeWith({ DATABASE_URL: tls })).checkDatabaseAtStart()).toMatchObject({
      fatal: true,
      reason: expect.stringMatching(/does not offer TLS/),
    })
  })

  it('lets a store start while its database is down: requests answer 503 until it is back', async () => {
    const down = Object.assign(new URL(url), { port: String(await freePort()) }).toString()
    expect(await (await storeWith({ DATABASE_URL: down })).checkDatabaseAtStart()).toMatchObject({
      ok: false,
      fatal: false,
    })
  })
})

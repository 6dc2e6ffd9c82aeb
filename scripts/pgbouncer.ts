import { spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../lib/test/free-port'
import { postgresReady } from './services'

export type PgBouncerOptions = {
  /** The PostgreSQL server it pools, on 127.0.0.1. */
  serverPort: number
  user: string
  password: string
  /** Server connections per database and user: few, so that clients really share them. */
  poolSize?: number
  /** More `[pgbouncer]` settings, one per line. */
  extra?: string
}

/**
 * Debian's PgBouncer (`apt-get install -y pgbouncer`) in transaction mode in front of a local
 * PostgreSQL, as a Neon `-pooler` or Supabase 6543 URL puts one in front of the store, for checks
 * outside `npm test` (scripts/pgbouncer-check.ts, and the reliability suite with
 * RELIABILITY_POOLER=pgbouncer). Its folder is readable by the `postgres` account it runs as
 * (PgBouncer refuses to run as root), so run it only on a machine of your own.
 */
export async function startPgBouncer({
  serverPort,
  user,
  password,
  poolSize = 2,
  extra = '',
}: PgBouncerOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'pgbouncer-'))
  chmodSync(dir, 0o755)
  const port = await freePort()
  const ini = join(dir, 'pgbouncer.ini')
  writeFileSync(join(dir, 'users.txt'), `"${user}" "${password}"\n`)
  writeFileSync(
    ini,
    [
      '[databases]',
      `* = host=127.0.0.1 port=${serverPort}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${poolSize}`,
      'max_client_conn = 500',
      extra,
      '',
    ].join('\n'),
  )
  const child = spawn('pgbouncer', ['-u', 'postgres', ini], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const url = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`
  for (let tries = 0; !(await postgresReady(`${url}/postgres?pgbouncer=true`)); tries++) {
    if (child.exitCode !== null || tries > 50)
      throw new Error("PgBouncer did not start (is Debian's pgbouncer installed?)")
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    /** `postgres://user:pass@127.0.0.1:port`, without a database: add `/<db>?pgbouncer=true`. */
    url,
    /** The configuration, as the note about a run should quote it. */
    config: ini,
    stop() {
      child.kill()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

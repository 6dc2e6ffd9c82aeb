import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startPostgres } from '../../services/postgres/server'
import { freePort } from './free-port'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string
  }
}

/**
 * One real PostgreSQL server for the whole vitest run; each test file makes its own database on it
 * (lib/test/database.ts). RESTWELL_TEST_POSTGRES_URL runs the tests against a server already
 * running instead, such as PgBouncer in front of one (scripts/pgbouncer-check.ts).
 */
export default async function setup(project: TestProject) {
  const given = process.env.RESTWELL_TEST_POSTGRES_URL
  if (given) return void project.provide('postgresAdminUrl', given)
  const dir = mkdtempSync(join(tmpdir(), 'restwell-pg-'))
  chmodSync(dir, 0o755) // as root, PostgreSQL runs as its own user, who must pass through (mkdtemp makes it 0700)
  const server = await startPostgres({
    port: await freePort(),
    dataDir: join(dir, 'cluster'),
    user: 'restwell',
    password: 'test-password',
    database: 'restwell',
    fresh: true,
    log: () => undefined,
  })
  project.provide('postgresAdminUrl', server.url)
  return async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startPostgres } from '../../services/postgres/server'
import { freePort } from './free-port'
import { keepExitCode } from './keep-exit-code'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The superuser's: only to make databases. */
    postgresAdminUrl: string
    /** The store's role (no superuser), as local mode connects. */
    postgresStoreUrl: string
  }
}

/**
 * One real PostgreSQL server for the whole vitest run; each test file makes its own database on
 * it (lib/test/database.ts), owned by the store's role, which is what the code under test uses.
 * RESTWELL_TEST_POSTGRES_URL runs the tests against a server already running instead, such as
 * PgBouncer in front of one (scripts/pgbouncer-check.ts), as that URL's role.
 */
export default async function setup(project: TestProject) {
  keepExitCode()
  const given = process.env.RESTWELL_TEST_POSTGRES_URL
  if (given) {
    project.provide('postgresAdminUrl', given)
    project.provide('postgresStoreUrl', given)
    return
  }
  // A private folder of unguessable name (as root, services/postgres lets the `postgres` account pass through).
  const dir = mkdtempSync(join(tmpdir(), 'restwell-pg-'))
  const server = await startPostgres({
    port: await freePort(),
    dataDir: join(dir, 'cluster'),
    adminPassword: randomBytes(18).toString('hex'),
    user: 'restwell',
    password: randomBytes(18).toString('hex'),
    database: 'restwell',
    fresh: true,
    log: () => undefined,
  })
  project.provide('postgresAdminUrl', server.adminUrl)
  project.provide('postgresStoreUrl', server.url)
  return async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

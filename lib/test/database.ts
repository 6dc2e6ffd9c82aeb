import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject, vi } from 'vitest'
import { migrateDatabase } from '../db/migrate'

/**
 * A fresh, migrated database of its own on the run's PostgreSQL server (lib/test/postgres.global.ts),
 * set as DATABASE_URL for the code under test. No mocks: the same SQL as production runs on it.
 */
export async function testDatabase() {
  const admin = inject('postgresAdminUrl')
  const name = `t_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  await client.query(`create database ${name}`)
  await client.end()
  const url = Object.assign(new URL(admin), { pathname: `/${name}` }).toString()
  // As config() names a store with no STORE_ENVIRONMENT: the tests' own.
  await migrateDatabase(url, { environment: 'local' })
  vi.stubEnv('DATABASE_URL', url)
  return url
}

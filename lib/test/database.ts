import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject, vi } from 'vitest'
import { migrateDatabase } from '../db/migrate'

/**
 * A fresh database of its own on the run's PostgreSQL server (lib/test/postgres.global.ts), owned
 * by the store's role and migrated by it, set as DATABASE_URL for the code under test. No mocks:
 * the same SQL as production runs on it, with the same rights as local mode.
 */
export async function testDatabase() {
  const store = new URL(inject('postgresStoreUrl'))
  const name = `t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') })
  await admin.connect()
  await admin.query(
    `create database ${name} owner ${admin.escapeIdentifier(decodeURIComponent(store.username))}`,
  )
  await admin.end()
  const url = Object.assign(store, { pathname: `/${name}` }).toString()
  // As config() names a store with no STORE_ENVIRONMENT: the tests' own.
  await migrateDatabase(url, { environment: 'local' })
  vi.stubEnv('DATABASE_URL', url)
  return url
}

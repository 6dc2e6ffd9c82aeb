import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { testDatabase } from '../test/database'

/** The store connects as a role of its own: a superuser could run programs on the machine. */
describe('the store’s PostgreSQL role', () => {
  it('is no superuser, cannot run programs, and owns its database (so it migrates it)', async () => {
    const client = new pg.Client({ connectionString: await testDatabase() })
    await client.connect()
    try {
      const { rows } = await client.query<{
        rolsuper: boolean
        rolcreaterole: boolean
        owner: string
      }>(
        `select rolsuper, rolcreaterole, pg_get_userbyid(datdba) as owner
           from pg_roles, pg_database where rolname = current_user and datname = current_database()`,
      )
      expect(rows[0]).toEqual({
        rolsuper: false,
        rolcreaterole: false,
        owner: decodeURIComponent(new URL(inject('postgresStoreUrl')).username),
      })
      await expect(client.query(`copy (select 1) to program 'true'`)).rejects.toThrow(
        /permission denied/,
      )
      // The migrations ran as this role: it owns the store's tables.
      const tables = await client.query(
        `select count(*)::int as n from pg_tables where schemaname = 'public' and tableowner = current_user`,
      )
      expect(tables.rows[0].n).toBeGreaterThan(0)
    } finally {
      await client.end()
    }
  })
})

import { fileURLToPath } from 'node:url'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url))
/** Any constant: instances starting together take turns, so a migration never runs twice. */
const MIGRATION_LOCK = 7_410_253

/**
 * Applies the migrations in lib/db/migrations that this database lacks, all in one transaction:
 * a failure leaves the schema as it was and throws, so the start stops with the error. Uses its
 * own connection (a session lock needs one), so give it a direct URL, not a transaction pooler's.
 */
export async function migrateDatabase(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  await client.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS })
  } finally {
    await client.end() // ending the session releases the lock
  }
}

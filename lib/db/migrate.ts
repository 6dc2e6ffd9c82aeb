import { fileURLToPath } from 'node:url'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import pg from 'pg'
import { SESSION_LIMITS, connectionConfig, looksPooled } from './connection'
import { claimEnvironment, refuseOtherEnvironment } from './environment'

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url))
/** Any constant: instances starting together take turns, so a migration never runs twice. */
const MIGRATION_LOCK = 7_410_253
/** How long a start waits for another instance's migration before it gives up, naming the lock. */
const MIGRATION_LOCK_WAIT = '2min'

export type MigrationOptions = {
  /** The environment the store runs as (config().environment): the database must be unclaimed or this one's. */
  environment: string
  /** DATABASE_CA_CERT, when the URL's server is verified against it. */
  ca?: string
}

/**
 * Applies the migrations in lib/db/migrations that this database lacks, in one transaction that
 * first takes a transaction-scoped advisory lock: instances starting together take turns, and the
 * lock ends with the transaction whatever happens to the connection, so none is left behind on a
 * pooler's server connection. A database claimed by another environment is refused before
 * anything changes; an unclaimed one is claimed. The store's role gets the session limits as
 * its defaults here, since a transaction-mode pooler drops the ones a client sends at startup.
 * Migrations are kept in drizzle's own table, so `drizzle-kit migrate` agrees with this.
 */
export async function migrateDatabase(url: string, { environment, ca }: MigrationOptions) {
  if (looksPooled(url))
    throw new Error(
      `Refusing to migrate through a transaction-mode pooler (${new URL(url).host}): set DATABASE_MIGRATION_URL to the database's direct URL (Neon: the host without -pooler; Supabase: port 5432)`,
    )
  const client = new pg.Client({
    ...connectionConfig(url, { ca }),
    connectionTimeoutMillis: 10_000,
  })
  await client.connect()
  try {
    await client.query('begin')
    // DDL may take longer than a store query may; waiting for another instance's turn is bounded.
    await client.query(
      `set local statement_timeout = 0; set local lock_timeout = '${MIGRATION_LOCK_WAIT}'`,
    )
    await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await refuseOtherEnvironment(client, environment)
    await applyMigrations(client)
    await claimEnvironment(client, environment)
    await setRoleLimits(client)
    await client.query('commit')
  } catch (error) {
    await client.query('rollback').catch(() => undefined)
    throw error
  } finally {
    await client.end()
  }
}

async function applyMigrations(client: pg.Client) {
  await client.query('create schema if not exists drizzle')
  await client.query(
    'create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)',
  )
  const {
    rows: [last],
  } = await client.query<{ created_at: string }>(
    'select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1',
  )
  for (const migration of readMigrationFiles({ migrationsFolder: MIGRATIONS })) {
    if (last && Number(last.created_at) >= migration.folderMillis) continue
    for (const statement of migration.sql) if (statement.trim()) await client.query(statement)
    await client.query(
      'insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)',
      [migration.hash, migration.folderMillis],
    )
  }
}

/** SESSION_LIMITS as the migrating role's defaults in this database (in effect for its new sessions, pooled or not). */
async function setRoleLimits(client: pg.Client) {
  const {
    rows: [{ name }],
  } = await client.query<{ name: string }>('select current_database() as name')
  for (const [setting, ms] of Object.entries(SESSION_LIMITS))
    await client.query(
      `alter role current_user in database ${client.escapeIdentifier(name)} set ${setting} = ${ms}`,
    )
}

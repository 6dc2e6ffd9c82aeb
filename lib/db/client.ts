import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { config } from '../env'
import * as schema from './schema'

/**
 * One pool per process, over `pg`, the same driver and SQL locally and in production. Queries
 * are unnamed (no prepared statements) and no session state is kept, so a transaction-mode
 * pooler (PgBouncer, Neon's or Supabase's pooled URL) works in front of it.
 */
type Database = { pool: pg.Pool; db: NodePgDatabase<typeof schema> }

// Kept on globalThis so the dev server's module reloads do not open a new pool each time.
const shared = globalThis as typeof globalThis & { restwellDatabases?: Map<string, Database> }

function open(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 })
  // An idle client that loses its server (a restart) must not take the process down.
  pool.on('error', (error) => console.warn(`[db] idle connection lost: ${error.message}`))
  return { pool, db: drizzle(pool, { schema }) }
}

/** The pool for the configured DATABASE_URL (keyed by it, so tests that switch databases get theirs). */
export function database(): Database {
  const { url, poolSize } = config().database
  shared.restwellDatabases ??= new Map()
  let found = shared.restwellDatabases.get(url)
  if (!found) shared.restwellDatabases.set(url, (found = open(url, poolSize)))
  return found
}

export const db = () => database().db

export type Tx = Parameters<Parameters<NodePgDatabase<typeof schema>['transaction']>[0]>[0]

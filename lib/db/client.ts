import { attachDatabasePool } from '@vercel/functions'
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { config } from '../env'
import { connectionConfig } from './connection'
import { requireEnvironment } from './environment'
import * as schema from './schema'

/**
 * One pool per process, over `pg`, the same driver and SQL locally and in production. Queries
 * are unnamed (no prepared statements) and no session state is kept, so a transaction-mode
 * pooler (PgBouncer, Neon's or Supabase's pooled URL) works in front of it.
 */
type Database = { pool: pg.Pool; db: NodePgDatabase<typeof schema> }

// Kept on globalThis so the dev server's module reloads do not open a new pool each time.
const shared = globalThis as typeof globalThis & { restwellDatabases?: Map<string, Database> }

function open(): Database {
  const { database, environment, serverless } = config()
  // Until one connection has found this store's environment recorded, each new one looks.
  let verified = false
  const pool = new pg.Pool({
    ...connectionConfig(database.url, { ca: database.caCert }),
    max: database.poolSize,
    connectionTimeoutMillis: 5_000,
    // A suspended function's idle sockets are cut by the pooler or NAT (often at 30 s): close them first.
    idleTimeoutMillis: serverless ? 5_000 : 30_000,
    onConnect: async (client) => {
      if (verified) return
      await requireEnvironment(client, environment)
      verified = true
    },
  })
  // An idle client that loses its server (a restart) must not take the process down.
  pool.on('error', (error) => console.warn(`[db] idle connection lost: ${error.message}`))
  // On Vercel, keeps the function alive until idle clients are closed, so none is frozen half-open.
  attachDatabasePool(pool)
  return { pool, db: drizzle(pool, { schema }) }
}

/** The pool for the configured DATABASE_URL and environment (keyed by both, so tests that switch either get theirs). */
export function database(): Database {
  const { database, environment } = config()
  const key = `${environment} ${database.url}`
  shared.restwellDatabases ??= new Map()
  let found = shared.restwellDatabases.get(key)
  if (!found) shared.restwellDatabases.set(key, (found = open()))
  return found
}

export const db = () => database().db

export type Tx = Parameters<Parameters<NodePgDatabase<typeof schema>['transaction']>[0]>[0]

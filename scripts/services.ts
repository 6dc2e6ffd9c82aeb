import { spawn, type ChildProcess } from 'node:child_process'
import pg from 'pg'

/**
 * Starting the local stand-ins as child processes, each leading its own process group (so
 * stopping one also stops whatever it spawned). Used by with-services and the reliability run.
 */
export type Service = { name: string; url: string; child: ChildProcess | null }

export async function healthy(url: string, path = '/health') {
  try {
    // A port held by something that accepts and never answers must not hang the start.
    return (await fetch(`${url}${path}`, { signal: AbortSignal.timeout(2_000) })).ok
  } catch {
    return false
  }
}

export async function waitHealthy(name: string, url: string, child: ChildProcess | null, timeoutMs = 60_000, path = '/health') {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(
        `${name} exited with code ${child.exitCode} before answering at ${url}: is ${new URL(url).host} taken by another program?`,
      )
    }
    if (await healthy(url, path)) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${name} did not become healthy at ${url}`)
}

/** Runs `script` with tsx unless something healthy already answers at `url`. */
export async function startService(
  name: string,
  script: string,
  url: string,
  env: Record<string, string>,
  { reuse = true } = {},
): Promise<Service> {
  if (reuse && (await healthy(url))) {
    console.log(`[services] reusing the ${name} already running at ${url}`)
    return { name, url, child: null }
  }
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  })
  await waitHealthy(name, url, child)
  return { name, url, child }
}

/** True once PostgreSQL at `url` accepts a connection and a query. */
export async function postgresReady(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 })
  try {
    await client.connect()
    await client.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

/**
 * The embedded PostgreSQL server for `url` (user, password, port and database are taken from it),
 * with its cluster in `dataDir`; an already running one at that address is reused.
 */
export async function startPostgres(url: string, dataDir: string, { reuse = true, fresh = false } = {}): Promise<Service> {
  if (reuse && (await postgresReady(url))) {
    console.log(`[services] reusing the PostgreSQL server already running at ${redacted(url)}`)
    return { name: 'postgres', url, child: null }
  }
  const { port, username, password, pathname } = new URL(url)
  const env = {
    PG_PORT: port,
    PG_DATA_DIR: dataDir,
    PG_USER: decodeURIComponent(username),
    PG_PASSWORD: decodeURIComponent(password),
    PG_DATABASE: pathname.slice(1),
    PG_FRESH: String(fresh),
  }
  const child = spawn(process.execPath, ['--import', 'tsx', POSTGRES_SCRIPT], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  })
  const deadline = Date.now() + 60_000
  while (!(await postgresReady(url))) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited with code ${child.exitCode}`)
    if (Date.now() > deadline) throw new Error(`PostgreSQL did not become ready at ${redacted(url)}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return { name: 'postgres', url, child }
}

/** A database URL without its password, for logs. */
export const redacted = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')

export type MailDev = { smtpUrl: string; webUrl: string; child: ChildProcess | null }

/**
 * MailDev, the local inbox: SMTP for the store to send to, and a web UI and REST API
 * (`GET /api/email`) to read what was sent. Both listen on 127.0.0.1 only.
 */
export async function startMailDev(smtpPort: string, webPort: string, mailDir: string, { reuse = true } = {}): Promise<MailDev> {
  const smtpUrl = `smtp://127.0.0.1:${smtpPort}`
  const webUrl = `http://127.0.0.1:${webPort}`
  if (reuse && (await healthy(webUrl, '/api/healthz'))) {
    console.log(`[services] reusing the MailDev inbox already running at ${webUrl}`)
    return { smtpUrl, webUrl, child: null }
  }
  const args = ['--smtp', smtpPort, '--web', webPort, '--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--mail-directory', mailDir, '--silent']
  const child = spawn(process.execPath, ['node_modules/maildev/dist/bin/maildev.js', ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  })
  await waitHealthy('MailDev', webUrl, child, 60_000, '/api/healthz')
  return { smtpUrl, webUrl, child }
}

export type InboxEmail = { id: string; subject: string; to: Array<{ address: string }>; html: string; text: string }

/** Every email in a MailDev inbox, oldest first. */
export async function readInbox(webUrl: string): Promise<InboxEmail[]> {
  return (await fetch(`${webUrl}/api/email`)).json()
}

export function stop(child: ChildProcess | null, signal: NodeJS.Signals = 'SIGTERM') {
  if (!child?.pid || child.exitCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
}

export function exited(child: ChildProcess) {
  return child.exitCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()))
}

export type LocalSecrets = Record<string, string>

export function lakeEnv(port: string, dataDir: string, secrets: LocalSecrets, site: string): Record<string, string> {
  return {
    LAKE_PORT: port,
    LAKE_DATA_DIR: dataDir,
    LAKE_READ_TOKEN: secrets.SANITY_API_READ_TOKEN,
    LAKE_WRITE_TOKEN: secrets.SANITY_API_WRITE_TOKEN,
    LAKE_SEED: 'sanity/seed/production.ndjson',
    // Publishing in the Studio refreshes the site, as a Sanity webhook would.
    LAKE_WEBHOOK_URL: `${site}/api/revalidate`,
    LAKE_WEBHOOK_SECRET: secrets.SANITY_REVALIDATE_SECRET,
  }
}

export function stripeEnv(port: string, dataDir: string, secrets: LocalSecrets, webhookUrl: string): Record<string, string> {
  return {
    STRIPE_LOCAL_PORT: port,
    STRIPE_LOCAL_DATA_DIR: dataDir,
    STRIPE_SECRET_KEY: secrets.STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: secrets.STRIPE_WEBHOOK_SECRET,
    STRIPE_LOCAL_WEBHOOK_URL: webhookUrl,
  }
}

export const LAKE_SCRIPT = 'services/content-lake/main.ts'
export const STRIPE_SCRIPT = 'services/stripe-local/main.ts'
export const POSTGRES_SCRIPT = 'services/postgres/main.ts'

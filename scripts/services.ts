import { spawn, type ChildProcess } from 'node:child_process'
import { timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import pg from 'pg'
import {
  HEALTH_PATH,
  INBOX_HEALTH_PATH,
  healthProof,
  newChallenge,
} from '../services/shared/health'

/**
 * Starting the local stand-ins as child processes, each leading its own process group (so
 * stopping one also stops whatever it spawned). Used by with-services and the reliability run.
 */
export type Service = { name: string; url: string; child: ChildProcess | null }

/** Whether something accepts connections on 127.0.0.1:`port`. */
export function portTaken(port: number | string) {
  return new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: Number(port) })
    const settle = (taken: boolean) => {
      socket.destroy()
      resolve(taken)
    }
    // A listener that accepts and never answers still holds the port.
    socket.setTimeout(2_000, () => settle(true))
    socket.once('connect', () => settle(true))
    socket.once('error', () => settle(false))
  })
}

/** A port held by a program that did not prove it is ours: never reused, never sent a token. */
export function strangerOnPort(name: string, port: number | string, variable: string) {
  return new Error(
    `127.0.0.1:${port} is taken by a program that is not this project's ${name}; stop it, or set ${variable} to a free port`,
  )
}

/** True when the service at `url` answers its health check with proof of `secret` (services/shared/health.ts). */
export async function provesOurs(url: string, secret: string, path = HEALTH_PATH) {
  const challenge = newChallenge()
  try {
    // A port held by something that accepts and never answers must not hang the start.
    const res = await fetch(`${url}${path}?challenge=${challenge}`, {
      signal: AbortSignal.timeout(2_000),
      redirect: 'error',
    })
    const body = (await res.json()) as { proof?: unknown }
    return (
      res.ok &&
      typeof body.proof === 'string' &&
      sameText(body.proof, healthProof(secret, challenge))
    )
  } catch {
    return false
  }
}

const sameText = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

export type Ownership = { secret: string; portVariable: string; path?: string }

/** Waits until the child answers at `url` with proof of the secret; a child that exits first fails the start. */
export async function waitOurs(
  name: string,
  url: string,
  child: ChildProcess,
  own: Ownership,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `${name} exited with code ${child.exitCode} before answering at ${url}: is ${new URL(url).host} taken? set ${own.portVariable} to a free port`,
      )
    }
    if (await provesOurs(url, own.secret, own.path)) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${name} did not become healthy at ${url}`)
}

/**
 * Runs `script` with tsx, or reuses the instance already running at `url` when it proves it is
 * ours (with `reuse`). A port held by anything else stops the start, naming the variable to change.
 */
export async function startService(
  name: string,
  script: string,
  url: string,
  env: Record<string, string>,
  own: Ownership,
  { reuse = true } = {},
): Promise<Service> {
  const { port } = new URL(url)
  if (await portTaken(port)) {
    if (reuse && (await provesOurs(url, own.secret, own.path))) {
      console.log(`[services] reusing the ${name} already running at ${url}`)
      return { name, url, child: null }
    }
    throw strangerOnPort(name, port, own.portVariable)
  }
  const child = spawnService(script, env)
  await waitOurs(name, url, child, own)
  return { name, url, child }
}

function spawnService(script: string, env: Record<string, string>) {
  return spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  })
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
 * Whether the PostgreSQL listening on `port` runs our cluster: its `postmaster.pid` (in a folder
 * only we and PostgreSQL may read) names a living process on that port, ready for connections.
 * No password goes to whatever holds the port before this says it is ours.
 */
export function ourPostgres(dataDir: string, port: string) {
  const lines = (() => {
    try {
      return readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')
    } catch {
      return []
    }
  })()
  const pid = Number(lines[0])
  if (!pid || lines[3]?.trim() !== port || lines[7]?.trim() !== 'ready') return false
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * The embedded PostgreSQL server for `url` (the store's role, password, port and database are
 * taken from it; the superuser's password is `adminPassword`), with its cluster in `dataDir`; the
 * one already running on that cluster is reused.
 */
export async function startPostgres(
  url: string,
  dataDir: string,
  adminPassword: string,
  { reuse = true, fresh = false } = {},
): Promise<Service> {
  const { port, username, password, pathname } = new URL(url)
  if (await portTaken(port)) {
    if (reuse && ourPostgres(dataDir, port) && (await postgresReady(url))) {
      console.log(`[services] reusing the PostgreSQL server already running at ${redacted(url)}`)
      return { name: 'postgres', url, child: null }
    }
    throw strangerOnPort('PostgreSQL', port, 'PG_PORT')
  }
  const child = spawnService(POSTGRES_SCRIPT, {
    PG_PORT: port,
    PG_DATA_DIR: dataDir,
    PG_ADMIN_PASSWORD: adminPassword,
    PG_USER: decodeURIComponent(username),
    PG_PASSWORD: decodeURIComponent(password),
    PG_DATABASE: pathname.slice(1),
    PG_FRESH: String(fresh),
  })
  const deadline = Date.now() + 60_000
  // Only once the port is our cluster's does the store's password go to it.
  while (!ourPostgres(dataDir, port) || !(await postgresReady(url))) {
    if (child.exitCode !== null)
      throw new Error(`PostgreSQL exited with code ${child.exitCode} (its message is above)`)
    if (Date.now() > deadline)
      throw new Error(`PostgreSQL did not become ready at ${redacted(url)}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return { name: 'postgres', url, child }
}

/** A database URL without its password, for logs. */
export const redacted = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')

/** Where to read the inbox: its web address and the basic-auth credentials its API asks for. */
export type Inbox = { webUrl: string; user: string; password: string }
export type MailDev = Inbox & { smtpUrl: string; child: ChildProcess | null }

export const INBOX_USER = 'restwell'

/**
 * MailDev, the local inbox (services/maildev): SMTP for the store to send to, and a web UI and
 * REST API (`GET /api/email`, basic auth `restwell` / `password`) to read what was sent. Both
 * listen on 127.0.0.1 only.
 */
export async function startMailDev(
  smtpPort: string,
  webPort: string,
  mailDir: string,
  password: string,
  { reuse = true } = {},
): Promise<MailDev> {
  const inbox = {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    webUrl: `http://127.0.0.1:${webPort}`,
    user: INBOX_USER,
    password,
  }
  const own = { secret: password, portVariable: 'MAILDEV_WEB_PORT', path: INBOX_HEALTH_PATH }
  const webTaken = await portTaken(webPort)
  if (webTaken && reuse && (await provesOurs(inbox.webUrl, password, INBOX_HEALTH_PATH))) {
    console.log(`[services] reusing the MailDev inbox already running at ${inbox.webUrl}`)
    return { ...inbox, child: null }
  }
  if (webTaken) throw strangerOnPort('MailDev inbox', webPort, 'MAILDEV_WEB_PORT')
  // Whatever holds the SMTP port would receive every order email.
  if (await portTaken(smtpPort))
    throw strangerOnPort('MailDev inbox', smtpPort, 'MAILDEV_SMTP_PORT')
  const child = spawnService(MAILDEV_SCRIPT, {
    MAILDEV_SMTP_PORT: smtpPort,
    MAILDEV_WEB_PORT: webPort,
    MAILDEV_DATA_DIR: mailDir,
    MAILDEV_WEB_USER: INBOX_USER,
    MAILDEV_WEB_PASS: password,
  })
  await waitOurs('MailDev', inbox.webUrl, child, own)
  return { ...inbox, child }
}

export type InboxEmail = {
  id: string
  subject: string
  to: Array<{ address: string }>
  html: string
  text: string
}

/** Every email in a MailDev inbox, oldest first. */
export async function readInbox(inbox: Inbox): Promise<InboxEmail[]> {
  const credentials = Buffer.from(`${inbox.user}:${inbox.password}`).toString('base64')
  const res = await fetch(`${inbox.webUrl}/api/email`, {
    headers: { authorization: `Basic ${credentials}` },
  })
  if (!res.ok) throw new Error(`the inbox at ${inbox.webUrl} answered ${res.status}`)
  return res.json()
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
  return child.exitCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once('exit', () => r()))
}

export type LocalSecrets = Record<string, string>

export function lakeEnv(
  port: string,
  dataDir: string,
  secrets: LocalSecrets,
  site: string,
): Record<string, string> {
  return {
    LAKE_PORT: port,
    LAKE_DATA_DIR: dataDir,
    LAKE_READ_TOKEN: secrets.SANITY_API_READ_TOKEN,
    LAKE_WRITE_TOKEN: secrets.SANITY_API_WRITE_TOKEN,
    LAKE_SEED: 'sanity/seed/production.ndjson',
    // The store's origin, with credentials as Sanity wants for an origin that hosts a Studio.
    LAKE_CORS_ORIGINS: `${new URL(site).origin};credentials`,
    // Publishing in the Studio refreshes the site, as a Sanity webhook would.
    LAKE_WEBHOOK_URL: `${site}/api/revalidate`,
    LAKE_WEBHOOK_SECRET: secrets.SANITY_REVALIDATE_SECRET,
  }
}

/** How a running lake or Stripe double proves it is ours, and the variable that moves it. */
export const lakeOwnership = (secrets: LocalSecrets): Ownership => ({
  secret: secrets.SANITY_API_WRITE_TOKEN,
  portVariable: 'LAKE_PORT',
})
export const stripeOwnership = (secrets: LocalSecrets): Ownership => ({
  secret: secrets.STRIPE_SECRET_KEY,
  portVariable: 'STRIPE_LOCAL_PORT',
})

export function stripeEnv(
  port: string,
  dataDir: string,
  secrets: LocalSecrets,
  webhookUrl: string,
): Record<string, string> {
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
export const MAILDEV_SCRIPT = 'services/maildev/main.ts'

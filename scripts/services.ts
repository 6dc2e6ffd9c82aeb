import { spawn, type ChildProcess } from 'node:child_process'

/**
 * Starting the local stand-ins as child processes, each leading its own process group (so
 * stopping one also stops whatever it spawned). Used by with-services and the reliability run.
 */
export type Service = { name: string; url: string; child: ChildProcess | null }

export async function healthy(url: string, path = '/health') {
  try {
    return (await fetch(`${url}${path}`)).ok
  } catch {
    return false
  }
}

export async function waitHealthy(name: string, url: string, child: ChildProcess | null, timeoutMs = 60_000, path = '/health') {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`)
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

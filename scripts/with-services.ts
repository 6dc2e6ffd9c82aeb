import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { prepareLocalDatabase } from './local-database'
import { LOCAL_ENV_FILE, ensureLocalEnv } from './local-env'
import { makePrivate } from './private-data'
import {
  LAKE_SCRIPT,
  STRIPE_SCRIPT,
  lakeEnv,
  lakeOwnership,
  startMailDev,
  startPostgres,
  startService,
  stop,
  stripeEnv,
  stripeOwnership,
} from './services'

/**
 * Runs a command with the local services around it: `tsx scripts/with-services.ts [--fresh] <cmd…>`.
 * The Content Lake starts unless SANITY_PROJECT_ID is set, the Stripe double unless
 * STRIPE_SECRET_KEY is set (real mode), and the MailDev inbox unless SMTP_URL is set or Stripe is
 * real (real buyers get real email: lib/env.ts then requires SMTP_URL), and an embedded PostgreSQL
 * unless DATABASE_URL is set (on PG_PORT, default 5433, data in .data/postgres). It waits until they are
 * healthy, runs the command, and stops them when it ends. `--fresh` starts from empty data directories (tests).
 */
const args = process.argv.slice(2)
const fresh = args[0] === '--fresh'
const command = fresh ? args.slice(1) : args
if (command.length === 0) {
  console.error('usage: with-services [--fresh] <command> [args…]')
  process.exit(2)
}

const children: Array<ChildProcess | null> = []
const stopAll = () => children.forEach((child) => stop(child))
process.on('exit', stopAll)
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    stopAll()
    process.exit(130)
  })
}

function dataDir(variable: string, fallback: string) {
  const dir = resolve(process.env[variable] ?? fallback)
  if (fresh) rmSync(dir, { recursive: true, force: true })
  return dir
}

// Orders' emails and addresses, secrets and sent mail live in the data folders: this account's alone.
process.umask(0o077)
const secrets = ensureLocalEnv()
makePrivate(dirname(LOCAL_ENV_FILE))
const site = (process.env.SITE_URL ?? 'http://localhost:3000').replace(/\/$/, '')
const extraEnv: Record<string, string> = { NEXT_TELEMETRY_DISABLED: '1' }
const starting: Promise<void>[] = []

if (!process.env.SANITY_PROJECT_ID) {
  const port = process.env.LAKE_PORT ?? '3030'
  extraEnv.LAKE_URL = `http://127.0.0.1:${port}`
  const env = lakeEnv(port, dataDir('LAKE_DATA_DIR', '.data/lake'), secrets, site)
  starting.push(
    startService('content lake', LAKE_SCRIPT, extraEnv.LAKE_URL, env, lakeOwnership(secrets)).then(
      (s) => void children.push(s.child),
    ),
  )
}

if (!process.env.STRIPE_SECRET_KEY) {
  const port = process.env.STRIPE_LOCAL_PORT ?? '12111'
  extraEnv.STRIPE_LOCAL_URL = `http://127.0.0.1:${port}`
  const webhook = process.env.STRIPE_LOCAL_WEBHOOK_URL ?? `${site}/api/webhooks/stripe`
  const env = stripeEnv(port, dataDir('STRIPE_LOCAL_DATA_DIR', '.data/stripe'), secrets, webhook)
  starting.push(
    startService(
      'Stripe double',
      STRIPE_SCRIPT,
      extraEnv.STRIPE_LOCAL_URL,
      env,
      stripeOwnership(secrets),
    ).then((s) => void children.push(s.child)),
  )
}

if (!process.env.DATABASE_URL) {
  const url = new URL(secrets.DATABASE_URL)
  if (process.env.PG_PORT) url.port = process.env.PG_PORT
  extraEnv.DATABASE_URL = url.toString()
  starting.push(
    startPostgres(
      extraEnv.DATABASE_URL,
      dataDir('PG_DATA_DIR', '.data/postgres'),
      secrets.PG_ADMIN_PASSWORD,
      { fresh },
    ).then(async (s) => {
      children.push(s.child)
      await prepareLocalDatabase(extraEnv.DATABASE_URL)
    }),
  )
}

if (!process.env.SMTP_URL && !process.env.STRIPE_SECRET_KEY) {
  const smtpPort = process.env.MAILDEV_SMTP_PORT ?? '1025'
  const webPort = process.env.MAILDEV_WEB_PORT ?? '1080'
  starting.push(
    startMailDev(
      smtpPort,
      webPort,
      dataDir('MAILDEV_DATA_DIR', '.data/maildev'),
      secrets.MAILDEV_WEB_PASS,
    ).then((mail) => {
      extraEnv.SMTP_URL = mail.smtpUrl
      children.push(mail.child)
      console.log(
        `[services] inbox: ${mail.webUrl} (user ${mail.user}, password MAILDEV_WEB_PASS in ${LOCAL_ENV_FILE})`,
      )
    }),
  )
}

// Every start settles first, so a failure leaves nothing half-started behind.
const failure = (await Promise.allSettled(starting)).find((result) => result.status === 'rejected')
if (failure) {
  // A taken port, a failed migration: say which, and stop whatever did start.
  console.error(`[services] ${(failure.reason as Error)?.message ?? failure.reason}`)
  process.exit(1)
}
const main = spawn(command[0], command.slice(1), {
  env: { ...process.env, ...extraEnv },
  stdio: 'inherit',
  detached: true,
})
children.push(main)
main.on('exit', (code, signal) => {
  stopAll()
  process.exit(code ?? (signal ? 1 : 0))
})

import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { ensureLocalEnv } from './local-env'

/**
 * Runs a command with the local services around it: `tsx scripts/with-services.ts [--fresh] <cmd…>`.
 * The Content Lake starts unless SANITY_PROJECT_ID is set, the Stripe double unless
 * STRIPE_SECRET_KEY is set (real mode). It waits until they are healthy, runs the command, and
 * stops them when it ends. `--fresh` starts from empty data directories (tests).
 */
const args = process.argv.slice(2)
const fresh = args[0] === '--fresh'
const command = fresh ? args.slice(1) : args
if (command.length === 0) {
  console.error('usage: with-services [--fresh] <command> [args…]')
  process.exit(2)
}

const children: ChildProcess[] = []
// Each child leads its own process group, so stopping it also stops what it spawned (next-server).
const stopAll = () => {
  for (const child of children) {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
    }
  }
}
process.on('exit', stopAll)
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    stopAll()
    process.exit(130)
  })
}

async function healthy(url: string) {
  try {
    return (await fetch(`${url}/health`)).ok
  } catch {
    return false
  }
}

async function startService(name: string, script: string, url: string, env: Record<string, string>) {
  if (await healthy(url)) {
    console.log(`[services] reusing the ${name} already running at ${url}`)
    return
  }
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  })
  children.push(child)
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`)
    if (await healthy(url)) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${name} did not become healthy at ${url}`)
}

function dataDir(variable: string, fallback: string) {
  const dir = resolve(process.env[variable] ?? fallback)
  if (fresh) rmSync(dir, { recursive: true, force: true })
  return dir
}

const secrets = ensureLocalEnv()
const extraEnv: Record<string, string> = { NEXT_TELEMETRY_DISABLED: '1' }
const starting: Promise<void>[] = []

const site = (process.env.SITE_URL ?? 'http://localhost:3000').replace(/\/$/, '')

if (!process.env.SANITY_PROJECT_ID) {
  const port = process.env.LAKE_PORT ?? '3030'
  extraEnv.LAKE_URL = `http://127.0.0.1:${port}`
  starting.push(
    startService('content lake', 'services/content-lake/main.ts', extraEnv.LAKE_URL, {
      LAKE_PORT: port,
      LAKE_DATA_DIR: dataDir('LAKE_DATA_DIR', '.data/lake'),
      LAKE_READ_TOKEN: secrets.SANITY_API_READ_TOKEN,
      LAKE_WRITE_TOKEN: secrets.SANITY_API_WRITE_TOKEN,
      LAKE_SEED: 'sanity/seed/production.ndjson',
      // Publishing in the Studio refreshes the site, as a Sanity webhook would.
      LAKE_WEBHOOK_URL: `${site}/api/revalidate`,
      LAKE_WEBHOOK_SECRET: secrets.SANITY_REVALIDATE_SECRET,
    }),
  )
}

if (!process.env.STRIPE_SECRET_KEY) {
  const port = process.env.STRIPE_LOCAL_PORT ?? '12111'
  extraEnv.STRIPE_LOCAL_URL = `http://127.0.0.1:${port}`
  starting.push(
    startService('Stripe double', 'services/stripe-local/main.ts', extraEnv.STRIPE_LOCAL_URL, {
      STRIPE_LOCAL_PORT: port,
      STRIPE_LOCAL_DATA_DIR: dataDir('STRIPE_LOCAL_DATA_DIR', '.data/stripe'),
      STRIPE_SECRET_KEY: secrets.STRIPE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: secrets.STRIPE_WEBHOOK_SECRET,
      STRIPE_LOCAL_WEBHOOK_URL: process.env.STRIPE_LOCAL_WEBHOOK_URL ?? `${site}/api/webhooks/stripe`,
    }),
  )
}

await Promise.all(starting)
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

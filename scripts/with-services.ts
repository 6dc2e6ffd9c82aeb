import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { ensureLocalEnv } from './local-env'

/**
 * Runs a command with the local services around it: `tsx scripts/with-services.ts [--fresh] <cmd…>`.
 * With SANITY_PROJECT_ID set (real mode) it runs the command alone. Otherwise it starts the
 * local Content Lake (seeded from sanity/seed on first start), waits until it is healthy,
 * runs the command with LAKE_URL set, and stops the lake when the command ends.
 * `--fresh` starts from an empty data directory (tests).
 */
const args = process.argv.slice(2)
const fresh = args[0] === '--fresh'
const command = fresh ? args.slice(1) : args
if (command.length === 0) {
  console.error('usage: with-services [--fresh] <command> [args…]')
  process.exit(2)
}

const children: ChildProcess[] = []
const stopAll = () => children.forEach((child) => child.exitCode === null && child.kill('SIGTERM'))
process.on('exit', stopAll)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
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

async function waitFor(name: string, url: string, child: ChildProcess) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`)
    if (await healthy(url)) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${name} did not become healthy at ${url}`)
}

function startService(name: string, script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  children.push(child)
  return child
}

async function startLocalServices(): Promise<Record<string, string>> {
  const secrets = ensureLocalEnv()
  const port = process.env.LAKE_PORT ?? '3030'
  const lakeUrl = `http://127.0.0.1:${port}`
  const dataDir = resolve(process.env.LAKE_DATA_DIR ?? '.data/lake')
  if (await healthy(lakeUrl)) {
    console.log(`[services] reusing the content lake already running at ${lakeUrl}`)
  } else {
    if (fresh) rmSync(dataDir, { recursive: true, force: true })
    const lake = startService('content-lake', 'services/content-lake/main.ts', {
      LAKE_PORT: port,
      LAKE_DATA_DIR: dataDir,
      LAKE_READ_TOKEN: secrets.SANITY_API_READ_TOKEN,
      LAKE_WRITE_TOKEN: secrets.SANITY_API_WRITE_TOKEN,
      LAKE_SEED: 'sanity/seed/production.ndjson',
    })
    await waitFor('content-lake', lakeUrl, lake)
  }
  return { LAKE_URL: lakeUrl }
}

const extraEnv: Record<string, string> = process.env.SANITY_PROJECT_ID ? {} : await startLocalServices()
const main = spawn(command[0], command.slice(1), {
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...extraEnv },
  stdio: 'inherit',
  shell: process.platform === 'win32',
})
children.push(main)
main.on('exit', (code, signal) => {
  stopAll()
  process.exit(code ?? (signal ? 1 : 0))
})

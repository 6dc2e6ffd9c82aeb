import { spawn } from 'node:child_process'
import { networkInterfaces } from 'node:os'
import { DIST_DIR, PORTS, type Stack } from '../stack'
import type { Figure } from '../util'

const STOP_MS = 30_000
const PORT = String(PORTS.site + 1)

const REAL_SANITY = {
  SANITY_PROJECT_ID: 'abc123',
  SANITY_API_READ_TOKEN: 'sk_read_dummy',
  SANITY_API_WRITE_TOKEN: 'sk_write_dummy',
  SANITY_REVALIDATE_SECRET: 'r'.repeat(16),
}
const REAL_STRIPE = {
  STRIPE_SECRET_KEY: 'sk_test_x',
  STRIPE_WEBHOOK_SECRET: 'whsec_x',
  CART_SECRET: 'c'.repeat(32),
  ORDER_LINK_SECRET: 'o'.repeat(32),
  AUTH_SECRET: 'a'.repeat(32),
  SMTP_URL: 'smtps://user:pass@smtp.example.com:465',
  MAIL_FROM: 'Restwell <orders@shop.example>',
}

type Vars = Record<string, string | undefined>
type Entry = 'npm start' | 'next start'
type Case = { label: string; vars: Vars; entries: Entry[]; expect: RegExp | 'listens' }

const ENTRIES: Record<Entry, string[]> = {
  'npm start': ['--import', 'tsx', 'scripts/serve.ts', 'start', '-p', PORT],
  'next start': ['node_modules/next/dist/bin/next', 'start', '-p', PORT, '-H', '127.0.0.1'],
}

/** An address other machines can reach, to show local mode will not listen there unguarded. */
function outwardAddress() {
  const ipv4 = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)
  return ipv4?.address ?? '0.0.0.0'
}

/** `databaseUrl`: the stack's PostgreSQL, so a start that passes its checks can migrate and listen. */
function cases(databaseUrl: string): Case[] {
  // The stack's database was claimed by the local environment: a store naming another would be refused it.
  const REAL: Vars = {
    ...REAL_SANITY,
    ...REAL_STRIPE,
    DATABASE_URL: databaseUrl,
    STORE_ENVIRONMENT: 'local',
    SITE_URL: 'https://shop.example',
  }
  const host = outwardAddress()
  const both: Entry[] = ['npm start', 'next start']
  const without = (name: string): Vars => ({ ...REAL, [name]: undefined })
  return [
    { label: 'complete real mode', vars: REAL, entries: ['npm start'], expect: 'listens' },
    ...[
      ...Object.keys(REAL_SANITY).slice(1),
      ...Object.keys(REAL_STRIPE).slice(1),
      'DATABASE_URL',
      'STORE_ENVIRONMENT',
      'SITE_URL',
    ].map((name) => ({
      label: `real mode without ${name}`,
      vars: without(name),
      entries: both,
      expect: new RegExp(`${name} is required`),
    })),
    {
      label: 'real mode with an http SITE_URL',
      vars: { ...REAL, SITE_URL: 'http://shop.example' },
      entries: both,
      expect: /SITE_URL must be an https/,
    },
    {
      label: 'real Stripe mailing over plain smtp://',
      vars: { ...REAL, SMTP_URL: 'smtp://user:pass@smtp.example.com:587' },
      entries: both,
      expect: /SMTP_URL must use TLS/,
    },
    {
      label: 'real Stripe on the local lake, no Studio password',
      vars: { ...REAL_STRIPE, SITE_URL: 'https://shop.example' },
      entries: both,
      expect: /LOCAL_STUDIO_PASSWORD is required for a production store/,
    },
    {
      label: `local mode on ${host}, no Studio password`,
      vars: { HOST: host },
      entries: ['npm start'],
      expect: /LOCAL_STUDIO_PASSWORD is required to listen on HOST=/,
    },
    {
      label: `local mode on ${host} with a Studio password`,
      vars: { HOST: host, LOCAL_STUDIO_PASSWORD: 'correct horse battery staple' },
      entries: ['npm start'],
      expect: 'listens',
    },
    {
      label: 'local mode through plain next start',
      vars: {},
      entries: ['next start'],
      expect: /Refusing to serve through `next start`/,
    },
  ]
}

type Outcome = { code: number | null; output: string; ms: number; listened: boolean }

/** One start with only `vars` configured (nothing from this shell); resolves when it exits, listens, or runs out of time. */
function start(entry: Entry, vars: Vars, databaseUrl: string): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: databaseUrl,
  }
  // A variable named with no value is left out, even the database.
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  const started = Date.now()
  const child = spawn(process.execPath, ENTRIES[entry], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  let done = false
  return new Promise((resolve) => {
    const finish = (listened: boolean) => {
      if (done) return
      done = true
      clearTimeout(timer)
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL')
      resolve({ code: child.exitCode, output, ms: Date.now() - started, listened })
    }
    const timer = setTimeout(() => finish(false), STOP_MS)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('[serve] production server on')) finish(true)
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.once('close', () => finish(false))
  })
}

/**
 * Starts the production build the ways it must refuse, each on its own: real mode with every
 * setting it needs missing in turn and with unsafe values, local mode on a non-loopback address
 * without a Studio password, and plain `next start`. Each start must exit non-zero within
 * STOP_MS, naming the setting, through `npm start`'s server (scripts/serve.ts) and through the
 * build's own boot (instrumentation.ts, which any other host runs). Complete configurations must
 * get as far as listening, so each refusal is the missing setting's doing. Nothing here needs the
 * network: a refusal comes before the first request.
 */
export async function startupRefusals(stack: Stack): Promise<Figure> {
  const failures: string[] = []
  let refused = 0
  let slowest = 0
  for (const c of cases(stack.databaseUrl)) {
    for (const entry of c.entries) {
      const outcome = await start(entry, c.vars, stack.databaseUrl)
      const what = `${c.label} (${entry})`
      if (c.expect === 'listens') {
        if (!outcome.listened) failures.push(`${what} did not start: ${outcome.output.slice(-400)}`)
        continue
      }
      slowest = Math.max(slowest, outcome.ms)
      if (outcome.code === null || outcome.code === 0)
        failures.push(`${what} did not stop (exit ${outcome.code} after ${outcome.ms} ms)`)
      else if (!c.expect.test(outcome.output))
        failures.push(`${what} stopped without naming the setting: ${outcome.output.slice(-400)}`)
      else refused++
    }
  }
  return {
    check: 'startup refusals',
    figure: `${refused} unsafe or incomplete starts refused, each naming its setting, the slowest in ${(slowest / 1000).toFixed(1)} s; complete configurations listen${failures.length ? `; ${failures.join('; ')}` : ''}`,
    target: `every unsafe start exits non-zero within ${STOP_MS / 1000} s naming the setting; complete ones listen`,
    pass: failures.length === 0,
  }
}

import { spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { createClient } from '@sanity/client'
import { API_VERSION } from '../sanity/api-version'
import { prepareLocalDatabase } from '../scripts/local-database'
import {
  LAKE_SCRIPT,
  STRIPE_SCRIPT,
  exited,
  lakeEnv,
  lakeOwnership,
  startMailDev,
  startPostgres,
  startService,
  stripeEnv,
  stripeOwnership,
} from '../scripts/services'
import { waitFor } from '../scripts/reliability/stack'
import { track } from './cleanup'
import { watchPeakRss } from './rss'

/**
 * The production build and the local services on ports of their own, so a bench never meets a
 * running `npm run dev` (another worktree's often has its database on 5533), e2e (3100, 3131,
 * 12131, 1125, 1180, 5531) or reliability run (32xx, 1225, 1280, 5532). Each dataset (seed,
 * large) gets its own lake data directory and dataset name.
 */
export const PORTS = {
  site: 3400,
  secondSite: 3401,
  balancer: 3410,
  lake: 3431,
  stripe: 12431,
  smtp: 1425,
  mailWeb: 1480,
  postgres: 5543,
}
export const SITE = `http://127.0.0.1:${PORTS.site}`
export const SECOND_SITE = `http://127.0.0.1:${PORTS.secondSite}`
const LAKE_URL = `http://127.0.0.1:${PORTS.lake}`
const STRIPE_URL = `http://127.0.0.1:${PORTS.stripe}`
const DIST_DIR = '.next-bench'
export const DATA = resolve('.data/bench')
const NEXT_BIN = resolve('node_modules/next/dist/bin/next')
const SERVE = ['--import', 'tsx', resolve('scripts/serve.ts'), 'start']

export type Secrets = Record<string, string>
export type DatasetSpec = {
  name: string
  seedFile: string
  inventoryFile: string
  articles: number
}

export function appEnv(dataset: string, databaseUrl: string, smtpUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
    RESTWELL_BENCH: '1', // adds the bare comparison page (next.config.js)
    LAKE_URL,
    STRIPE_LOCAL_URL: STRIPE_URL,
    SITE_URL: SITE,
    SANITY_DATASET: dataset,
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtpUrl,
    // The bench is one client hammering the store; the per-client limits would only measure 429s.
    // Its simulated buyers say who they are with X-Forwarded-For, as a proxy would.
    TRUSTED_PROXY_HOPS: '1',
    RATE_LIMIT_CART_PER_MINUTE: '100000000',
    RATE_LIMIT_CHECKOUT_PER_MINUTE: '100000000',
    RATE_LIMIT_SUCCESS_PAGE_PER_MINUTE: '100000000',
  }
  // Always the local stand-ins, even in a shell set up for real mode.
  delete env.SANITY_PROJECT_ID
  delete env.STRIPE_SECRET_KEY
  return env
}

export function lakeClient(secrets: Secrets, dataset: string) {
  return createClient({
    projectId: 'local',
    dataset,
    apiHost: LAKE_URL,
    useProjectHostname: false,
    useCdn: false,
    apiVersion: API_VERSION,
    token: secrets.SANITY_API_WRITE_TOKEN,
    perspective: 'raw',
  })
}

/**
 * The Stripe double, with its own data per dataset: it rewrites all its sessions on every
 * change, so one phase's sessions would slow the next phase's checkouts. Its webhooks go to
 * `site` (the balancer, so they spread over the instances as buyers do).
 */
export async function startStripe(secrets: Secrets, label: string, site: string) {
  const env = stripeEnv(
    String(PORTS.stripe),
    `${DATA}/stripe-${label}`,
    secrets,
    `${site}/api/webhooks/stripe`,
  )
  const service = await startService(
    'Stripe double',
    STRIPE_SCRIPT,
    STRIPE_URL,
    env,
    stripeOwnership(secrets),
    { reuse: false },
  )
  const stopStripe = track(service.child)
  return async () => {
    stopStripe()
    if (service.child) await exited(service.child)
  }
}

/** An inbox for the confirmation emails, so paid orders finish their outbox work as they would in production. */
export async function startMail(secrets: Secrets) {
  const mail = await startMailDev(
    String(PORTS.smtp),
    String(PORTS.mailWeb),
    `${DATA}/maildev`,
    secrets.MAILDEV_WEB_PASS,
    {
      reuse: false,
    },
  )
  track(mail.child)
  return mail.smtpUrl
}

/** The bench's PostgreSQL: the local user and password, on the bench's port. */
export const databaseUrl = (secrets: Secrets) =>
  Object.assign(new URL(secrets.DATABASE_URL), { port: String(PORTS.postgres) }).toString()

/** A fresh PostgreSQL for one phase, migrated and stocked from `spec.inventoryFile`. */
export async function startDatabase(secrets: Secrets, spec: DatasetSpec, label: string) {
  const url = databaseUrl(secrets)
  const service = await startPostgres(url, `${DATA}/postgres-${label}`, secrets.PG_ADMIN_PASSWORD, {
    reuse: false,
    fresh: true,
  })
  const stopDatabase = track(service.child)
  await prepareLocalDatabase(url, spec.inventoryFile)
  return {
    url,
    stop: async () => {
      stopDatabase()
      if (service.child) await exited(service.child)
    },
  }
}

/** Starts a lake that imports `spec.seedFile` into `spec.name`, and waits until the import is complete. */
export async function startLake(secrets: Secrets, spec: DatasetSpec) {
  const env = {
    ...lakeEnv(String(PORTS.lake), `${DATA}/lake-${spec.name}`, secrets, SITE),
    LAKE_SEED: spec.seedFile,
    LAKE_SEED_DATASET: spec.name,
  }
  const service = await startService(
    'content lake',
    LAKE_SCRIPT,
    LAKE_URL,
    env,
    lakeOwnership(secrets),
    { reuse: false },
  )
  const stopLake = track(service.child)
  // /health answers while the seed import may still be running.
  const client = lakeClient(secrets, spec.name)
  const seeded = await waitFor(
    async () =>
      (await client.fetch<number>('count(*[_type == "article"])').catch(() => 0)) >= spec.articles,
    120_000,
    500,
  )
  if (!seeded) throw new Error(`the lake did not import ${spec.seedFile}`)
  return async () => {
    stopLake()
    if (service.child) await exited(service.child)
  }
}

export type BuildFigures = {
  seconds: number
  peakRssBytes: number
  staticPages: number | null
  log: string
}

/** A clean `next build` into DIST_DIR (no cache from an earlier build), timed, with the peak RSS of its whole process tree. */
export async function buildApp(env: NodeJS.ProcessEnv, label: string): Promise<BuildFigures> {
  rmSync(DIST_DIR, { recursive: true, force: true })
  const log = `${DATA}/build-${label}.log`
  const out = openSync(log, 'w')
  const started = performance.now()
  const child = spawn(process.execPath, [NEXT_BIN, 'build'], {
    env,
    stdio: ['ignore', out, out],
    detached: true,
  })
  const untrack = track(child)
  const stopWatching = watchPeakRss(child.pid!)
  const code = await new Promise<number | null>((done) => child.once('exit', done))
  const seconds = (performance.now() - started) / 1000
  const peakRssBytes = stopWatching()
  untrack()
  closeSync(out)
  const text = readFileSync(log, 'utf8')
  if (code !== 0)
    throw new Error(`next build (${label}) exited with ${code}; see ${log}:\n${text.slice(-3000)}`)
  const pages = [...text.matchAll(/Generating static pages[^(]*\((\d+)\/(\d+)\)/g)].at(-1)
  return { seconds, peakRssBytes, staticPages: pages ? Number(pages[2]) : null, log }
}

/** The store's server (scripts/serve.ts, as `npm start`) on `port` of 127.0.0.1; resolves once the home page answers. */
export async function startSite(env: NodeJS.ProcessEnv, port = PORTS.site) {
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, [...SERVE, '-p', String(port)], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  })
  const stopSite = track(child)
  const up = await waitFor(
    async () => child.exitCode === null && (await fetch(url).catch(() => null))?.ok === true,
    60_000,
  )
  if (!up) throw new Error(`the store did not answer at ${url}`)
  return async () => {
    stopSite()
    await exited(child)
  }
}

import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { createClient, type SanityClient } from '@sanity/client'
import pg from 'pg'
import Stripe from 'stripe'
import { stockCounts } from '../../lib/test/stock-counts'
import { API_VERSION } from '../../sanity/api-version'
import { prepareLocalDatabase } from '../local-database'
import { startPgBouncer } from '../pgbouncer'
import { ensureLocalEnv } from '../local-env'
import {
  LAKE_SCRIPT,
  STRIPE_SCRIPT,
  exited,
  lakeEnv,
  lakeOwnership,
  startMailDev,
  startPostgres,
  startService,
  stop,
  stripeEnv,
  stripeOwnership,
} from '../services'

/**
 * The production build with its own local services, on ports of its own, and a webhook relay
 * between the Stripe double and the store that the checks can switch between forwarding
 * (Stripe delivers as usual) and holding (the checks deliver events themselves).
 */
export const PORTS = {
  site: 3200,
  lake: 3231,
  stripe: 12231,
  smtp: 1225,
  mailWeb: 1280,
  postgres: 5532,
}
export const SITE = `http://localhost:${PORTS.site}`
export const DIST_DIR = '.next-reliability'
const DATA = resolve('.data/reliability')

export type Stack = Awaited<ReturnType<typeof startStack>>

export async function startStack() {
  rmSync(DATA, { recursive: true, force: true })
  rmSync(DIST_DIR, { recursive: true, force: true })
  const secrets = ensureLocalEnv()
  let forward = true
  const relay: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    if (!forward) return void res.writeHead(200).end('{}')
    try {
      const upstream = await fetch(`${SITE}/api/webhooks/stripe`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'stripe-signature': String(req.headers['stripe-signature'] ?? ''),
        },
        body: Buffer.concat(chunks),
      })
      res.writeHead(upstream.status).end(await upstream.text())
    } catch {
      res.writeHead(502).end()
    }
  }).listen(0, '127.0.0.1')
  await new Promise((r) => relay.once('listening', r))
  const relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}/`

  const lakeUrl = `http://127.0.0.1:${PORTS.lake}`
  const stripeUrl = `http://127.0.0.1:${PORTS.stripe}`
  const lakeVars = lakeEnv(String(PORTS.lake), `${DATA}/lake`, secrets, SITE)
  const lake = await startService(
    'content lake',
    LAKE_SCRIPT,
    lakeUrl,
    lakeVars,
    lakeOwnership(secrets),
    { reuse: false },
  )
  const stripeService = await startService(
    'Stripe double',
    STRIPE_SCRIPT,
    stripeUrl,
    {
      ...stripeEnv(String(PORTS.stripe), `${DATA}/stripe`, secrets, relayUrl),
      STRIPE_LOCAL_RETRY_BASE_MS: '200',
    },
    stripeOwnership(secrets),
    { reuse: false },
  )

  const databaseUrl = Object.assign(new URL(secrets.DATABASE_URL), {
    port: String(PORTS.postgres),
  }).toString()
  const startDatabase = (fresh: boolean) =>
    startPostgres(databaseUrl, `${DATA}/postgres`, secrets.PG_ADMIN_PASSWORD, {
      reuse: false,
      fresh,
    })
  let postgres = await startDatabase(true)
  await prepareLocalDatabase(databaseUrl)
  // RELIABILITY_POOLER=pgbouncer: the store's instances reach PostgreSQL through PgBouncer in
  // transaction mode, and migrate directly, as behind a Neon `-pooler` or Supabase 6543 URL.
  const { username, password, pathname } = new URL(databaseUrl)
  const pooler =
    process.env.RELIABILITY_POOLER === 'pgbouncer'
      ? await startPgBouncer({
          serverPort: PORTS.postgres,
          user: decodeURIComponent(username),
          password: decodeURIComponent(password),
          poolSize: 5,
        })
      : null
  const storeDatabaseUrl = pooler ? `${pooler.url}${pathname}?pgbouncer=true` : databaseUrl
  if (pooler)
    console.log(`[reliability] the store reaches PostgreSQL through PgBouncer (${pooler.config})`)
  const database = new pg.Pool({ connectionString: databaseUrl, max: 4 })
  // The crash check kills PostgreSQL under this pool: an idle connection's error must not end the run.
  database.on('error', () => undefined)

  // Orders send confirmations: an inbox of its own keeps the storm's emails out of anyone else's.
  const mail = await startMailDev(
    String(PORTS.smtp),
    String(PORTS.mailWeb),
    `${DATA}/maildev`,
    secrets.MAILDEV_WEB_PASS,
    { reuse: false },
  )
  const appEnv = {
    ...process.env,
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
    LAKE_URL: lakeUrl,
    STRIPE_LOCAL_URL: stripeUrl,
    SITE_URL: SITE,
    SMTP_URL: mail.smtpUrl,
    DATABASE_URL: storeDatabaseUrl,
    DATABASE_MIGRATION_URL: databaseUrl,
    // The outbox retries soon after a failure, so the mirror catches up within the checks' patience.
    OUTBOX_RETRY_MS: '1000',
    // Real shoppers come from many addresses; the checks say which with X-Forwarded-For, as a proxy would.
    TRUSTED_PROXY_HOPS: '1',
    RATE_LIMIT_CART_PER_MINUTE: '120',
    RATE_LIMIT_CHECKOUT_PER_MINUTE: '20',
  }
  await run('npx', ['next', 'build'], appEnv)
  /** One more instance of the same build on `port`, as a second server behind the same load balancer would be. */
  const startInstance = async (port: number) => {
    const child = spawn('npx', ['tsx', 'scripts/serve.ts', 'start', '-p', String(port)], {
      env: appEnv,
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    })
    const url = `http://localhost:${port}`
    if (!(await waitFor(async () => (await fetch(url).catch(() => null))?.ok === true, 60_000)))
      throw new Error(`no server at ${url}`)
    return { url, child }
  }
  const { child: next } = await startInstance(PORTS.site)

  const lakeClient: SanityClient = createClient({
    projectId: 'local',
    dataset: 'production',
    apiHost: lakeUrl,
    useProjectHostname: false,
    useCdn: false,
    apiVersion: API_VERSION,
    token: secrets.SANITY_API_WRITE_TOKEN,
    perspective: 'raw',
  })
  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    (await database.query<T>(text, values)).rows
  const stripe = new Stripe(secrets.STRIPE_SECRET_KEY, {
    host: '127.0.0.1',
    port: PORTS.stripe,
    protocol: 'http',
    maxNetworkRetries: 2,
  })

  return {
    secrets,
    databaseUrl,
    lakeClient,
    stripe,
    startInstance,
    /** Rows of a query against the store's PostgreSQL. */
    query,
    async killPostgres() {
      stop(postgres.child, 'SIGKILL')
      if (postgres.child) await exited(postgres.child)
    },
    /**
     * The same cluster again: PostgreSQL recovers what it committed from its write-ahead log. The
     * killed server's processes take a moment to let go of its port and shared memory, so a
     * refused start is tried again.
     */
    async restartPostgres() {
      for (let attempt = 1; ; attempt++) {
        try {
          postgres = await startDatabase(false)
          return
        } catch (error) {
          if (attempt >= 15) throw error
          await new Promise((r) => setTimeout(r, 1000))
        }
      }
    },
    /** A variant's counts in PostgreSQL: on hand, held, sold. */
    stock(productId: string, variantKey: string) {
      return stockCounts(query, productId, variantKey)
    },
    /** Puts `onHand` units of a variant on the shelf, none held. */
    async setStock(productId: string, variantKey: string, onHand: number) {
      await database.query(
        `insert into inventory (product_id, variant_key, on_hand) values ($1, $2, $3)
         on conflict (product_id, variant_key) do update set on_hand = excluded.on_hand, held = 0`,
        [productId, variantKey, onHand],
      )
    },
    /** MailDev's REST API: what the store has emailed. */
    inbox: mail,
    distDir: DIST_DIR,
    /** Stripe's own deliveries: forwarded to the store, or held back while a check delivers. */
    setForwarding(on: boolean) {
      forward = on
    },
    stop() {
      stop(next)
      stop(lake.child)
      stop(stripeService.child)
      stop(mail.child)
      stop(postgres.child)
      void database.end()
      pooler?.stop()
      relay.close()
    },
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolveRun, reject) => {
    const child: ChildProcess = spawn(command, args, {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    child.once('exit', (code) =>
      code === 0
        ? resolveRun()
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    )
  })
}

export async function waitFor(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 200,
) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await condition()) return true
    await new Promise((r) => setTimeout(r, intervalMs))
  }
  return false
}

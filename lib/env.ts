import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import { z } from 'zod'
import { API_VERSION } from '../sanity/api-version'
import { tlsProblem } from './db/connection'
import { LOOPBACK_NAMES } from './http/loopback'

/**
 * The one place that reads configuration. Each service is real when its key variable is set
 * (SANITY_PROJECT_ID, STRIPE_SECRET_KEY) and local otherwise; local secrets live in
 * `.data/local.env` under the same names real mode uses, and fill in whatever is unset for the
 * services that are local. A real service fails closed: everything it needs must be set, or
 * config() throws, naming each variable (the server calls it as it boots).
 */
// turbopackIgnore: a path built from cwd would make the build trace the whole project.
const localEnvFile = () =>
  process.env.RESTWELL_LOCAL_ENV ??
  join(/* turbopackIgnore: true */ process.cwd(), '.data', 'local.env')

const token = z.string().min(8)

const schema = z.object({
  SANITY_PROJECT_ID: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  SANITY_DATASET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
    .default('production'),
  SANITY_API_VERSION: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .default(API_VERSION),
  SANITY_API_READ_TOKEN: token.optional(),
  SANITY_API_WRITE_TOKEN: token.optional(),
  LAKE_URL: z.url().default('http://127.0.0.1:3030'),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, 'must be a Stripe secret key (sk_test_…)')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9]+$/, 'must be a webhook signing secret (whsec_…)')
    .optional(),
  STRIPE_LOCAL_URL: z.url().default('http://127.0.0.1:12111'),
  STRIPE_AUTOMATIC_TAX: z.enum(['true', 'false'], 'must be true or false').default('false'),
  STRIPE_TAX_BEHAVIOR: z
    .enum(['exclusive', 'inclusive'], 'must be exclusive or inclusive')
    .default('exclusive'),
  STRIPE_SHIPPING_TAX_CODE: z
    .string()
    .regex(
      /^txcd_\d{8}$/,
      "must be a Stripe tax code (txcd_ and 8 digits; shipping's is txcd_92010001)",
    )
    .default('txcd_92010001'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_MIGRATION_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_CA_CERT: z
    .string()
    .includes('-----BEGIN CERTIFICATE-----', 'must be PEM certificates')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).optional(),
  STORE_ENVIRONMENT: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9_-]{0,31}$/,
      'must be a short lowercase name such as production or staging',
    )
    .optional(),
  /** Set by Vercel: `1` on its build and functions, and which environment a deploy is for. */
  VERCEL: z.string().optional(),
  VERCEL_ENV: z.enum(['production', 'preview', 'development']).optional(),
  CRON_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  CART_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SANITY_REVALIDATE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SITE_URL: z.url().optional(),
  STORE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{4,64}$/, 'must be 4–64 letters, digits, _ or -')
    .optional(),
  ORDER_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  OUTBOX_RETRY_MS: z.coerce.number().int().min(100).default(30_000),
  RATE_LIMIT_LOOKUP_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  RATE_LIMIT_CART_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_CHECKOUT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_SUCCESS_PAGE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_SIGN_IN_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  HOLDS_PER_CLIENT: z.coerce.number().int().min(1).default(3),
  HOLD_UNITS_PER_CLIENT: z.coerce.number().int().min(1).default(40),
  HOLD_UNITS_PER_VARIANT: z.coerce.number().int().min(1).default(20),
  LIVE_STREAMS_PER_CLIENT: z.coerce.number().int().min(1).default(10),
  LIVE_STREAMS_PER_INSTANCE: z.coerce.number().int().min(1).default(1000),
  LIVE_STREAM_LIFETIME_S: z.coerce.number().int().min(1).default(600),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  LOCAL_STUDIO_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  LOCAL_STUDIO_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  NODE_ENV: z.string().optional(),
})

type Env = z.output<typeof schema>
type Real = { sanity: boolean; stripe: boolean }

/** What a real service cannot run without. Locally, `.data/local.env` and the defaults stand in. */
const REQUIRED = {
  sanity: ['SANITY_API_READ_TOKEN', 'SANITY_API_WRITE_TOKEN', 'SANITY_REVALIDATE_SECRET'],
  // Real buyers: their carts, order links and account sessions are signed, and their confirmations are real email.
  stripe: [
    'STRIPE_WEBHOOK_SECRET',
    'CART_SECRET',
    'ORDER_LINK_SECRET',
    'AUTH_SECRET',
    'SMTP_URL',
    'MAIL_FROM',
    'DATABASE_URL',
  ],
} as const satisfies Record<keyof Real, Array<keyof Env>>

const KEY = { sanity: 'SANITY_PROJECT_ID', stripe: 'STRIPE_SECRET_KEY' } as const

/**
 * nodemailer's smtp:// upgrades with STARTTLS only if the server offers it; smtps://, or
 * `requireTLS=true` in the query (nodemailer reads URL options), never sends in the clear.
 */
const requiresTls = (smtpUrl: string) =>
  smtpUrl.startsWith('smtps://') || /[?&]requireTLS=true(&|$)/.test(smtpUrl)

/** Each setting that makes this configuration unsafe or incomplete, as [variable, why]. */
function refusals(env: Env, real: Real): Array<[keyof Env, string]> {
  const found: Array<[keyof Env, string]> = []
  for (const service of ['sanity', 'stripe'] as const) {
    if (!real[service]) continue
    for (const name of REQUIRED[service])
      if (!env[name]) found.push([name, `${name} is required when ${KEY[service]} is set`])
  }
  const production = env.NODE_ENV === 'production'
  if (real.stripe && !env.STORE_ENVIRONMENT && !env.VERCEL_ENV)
    found.push([
      'STORE_ENVIRONMENT',
      'STORE_ENVIRONMENT is required with real Stripe (e.g. production, staging): the database records it, and a store of another environment refuses that database',
    ])
  for (const name of ['DATABASE_URL', 'DATABASE_MIGRATION_URL'] as const) {
    const problem = env[name] && tlsProblem(env[name], env.DATABASE_CA_CERT)
    if (problem) found.push([name, `${name}: ${problem}`])
  }
  if (real.sanity || real.stripe) {
    if (!env.SITE_URL)
      found.push([
        'SITE_URL',
        "SITE_URL is required in real mode: the store's public address, for canonical links, Stripe's return URLs and email links",
      ])
    else if (production && !env.SITE_URL.startsWith('https://'))
      found.push([
        'SITE_URL',
        `SITE_URL must be an https:// address in production (got ${env.SITE_URL})`,
      ])
  }
  if (real.stripe && production && env.SMTP_URL && !requiresTls(env.SMTP_URL)) {
    found.push([
      'SMTP_URL',
      'SMTP_URL must use TLS in production: smtps://… or smtp://…?requireTLS=true (plain smtp:// sends order emails in the clear when the server offers no STARTTLS)',
    ])
  }
  if (!real.sanity && !env.LOCAL_STUDIO_PASSWORD) {
    if (!LOOPBACK_NAMES.has(env.HOST)) {
      found.push([
        'LOCAL_STUDIO_PASSWORD',
        `LOCAL_STUDIO_PASSWORD is required to listen on HOST=${env.HOST} in local mode (no SANITY_PROJECT_ID): the local Studio and its lake proxy would answer anyone who can reach that address. Set it, or listen on 127.0.0.1`,
      ])
    } else if (real.stripe && production) {
      found.push([
        'LOCAL_STUDIO_PASSWORD',
        'LOCAL_STUDIO_PASSWORD is required for a production store with real Stripe on the local lake: without it the store is public and its Studio has no password',
      ])
    }
  }
  return found
}

const trim = (url: string) => url.replace(/\/$/, '')

/** Without STORE_ID, the store is named after its public origin: another deployment has another. */
const storeIdFor = (siteUrl: string) =>
  `store-${createHash('sha256').update(new URL(siteUrl).origin).digest('hex').slice(0, 16)}`

function build(env: Env, real: Real) {
  // Real mode never gets here without its secrets (refusals), so only local mode can miss one.
  const missing = (name: string): never => {
    throw new Error(
      `Invalid configuration: ${name} is required (run through \`npm run dev\`, which generates .data/local.env)`,
    )
  }
  const stripeUrl = new URL(env.STRIPE_LOCAL_URL)
  const siteUrl = trim(env.SITE_URL ?? 'http://localhost:3000')
  return {
    siteUrl,
    /**
     * Written into every Checkout Session's metadata, so deployments sharing one Stripe account
     * (production, previews, a developer's `stripe listen`) can tell their sessions apart.
     */
    storeId: env.STORE_ID ?? storeIdFor(siteUrl),
    /** A production build: cookies are `Secure` whatever SITE_URL says (browsers treat http://localhost as secure), and no dev-only CSP allowances. */
    production: env.NODE_ENV === 'production',
    /** Which environment this store is (STORE_ENVIRONMENT, else Vercel's): its database must record the same (lib/db/environment.ts). */
    environment: env.STORE_ENVIRONMENT ?? env.VERCEL_ENV ?? 'local',
    /** Which Vercel environment this build or function is for: only a production build migrates (scripts/vercel-build.ts). */
    vercelEnv: env.VERCEL_ENV,
    /** On a serverless host (Vercel) no process lives between requests: no job timer, small pools. */
    serverless: Boolean(env.VERCEL),
    /** Where scripts/serve.ts listens: loopback unless HOST says otherwise. */
    server: { host: env.HOST, port: env.PORT },
    sanity: {
      mode: real.sanity ? ('real' as const) : ('local' as const),
      projectId: env.SANITY_PROJECT_ID ?? 'local',
      dataset: env.SANITY_DATASET,
      apiVersion: env.SANITY_API_VERSION,
      readToken: env.SANITY_API_READ_TOKEN,
      get writeToken() {
        return env.SANITY_API_WRITE_TOKEN ?? missing('SANITY_API_WRITE_TOKEN')
      },
      /** Only set locally: @sanity/client then skips the project hostname, which Node cannot resolve. */
      apiHost: real.sanity ? undefined : trim(env.LAKE_URL),
      /** Verifies the content webhook that triggers revalidation (Sanity's GROQ-powered webhook secret). */
      get revalidateSecret() {
        return env.SANITY_REVALIDATE_SECRET ?? missing('SANITY_REVALIDATE_SECRET')
      },
      imageBaseUrl: real.sanity ? 'https://cdn.sanity.io' : trim(env.LAKE_URL),
    },
    stripe: {
      mode: real.stripe ? ('real' as const) : ('local' as const),
      get secretKey() {
        return env.STRIPE_SECRET_KEY ?? missing('STRIPE_SECRET_KEY')
      },
      get webhookSecret() {
        return env.STRIPE_WEBHOOK_SECRET ?? missing('STRIPE_WEBHOOK_SECRET')
      },
      /**
       * Stripe Tax on every Checkout Session, or null when off (the default). The shop first sets
       * up Stripe Tax in the Dashboard (origin address, registrations). Prices and shipping rates
       * either exclude tax (Stripe adds it) or include it; products may name a tax code, and
       * shipping has its own.
       */
      tax:
        env.STRIPE_AUTOMATIC_TAX === 'true'
          ? { behavior: env.STRIPE_TAX_BEHAVIOR, shippingTaxCode: env.STRIPE_SHIPPING_TAX_CODE }
          : null,
      /** Where stripe-node sends requests locally (`host`/`port`/`protocol`); real mode uses Stripe's defaults. */
      endpoint: real.stripe
        ? undefined
        : {
            host: stripeUrl.hostname,
            port: Number(stripeUrl.port || 80),
            protocol: stripeUrl.protocol.replace(':', '') as 'http' | 'https',
          },
    },
    /** The record of commerce (lib/db): any PostgreSQL ≥ 14; locally the embedded server `npm run dev` starts. */
    database: {
      get url() {
        return env.DATABASE_URL ?? missing('DATABASE_URL')
      },
      /** Migrations refuse a transaction pooler's URL (lib/db/migrate.ts): this one is direct where DATABASE_URL is pooled. */
      get migrationUrl() {
        return env.DATABASE_MIGRATION_URL ?? env.DATABASE_URL ?? missing('DATABASE_URL')
      },
      /** PEM certificates the server's chain is verified against, for hosts where sslrootcert=<file> is awkward. */
      caCert: env.DATABASE_CA_CERT,
      poolSize: env.DATABASE_POOL_SIZE ?? (env.VERCEL ? 3 : 10),
    },
    /** Lets a platform scheduler run the background jobs through /api/jobs (Vercel Cron sends it as a bearer token). */
    cronSecret: env.CRON_SECRET,
    /**
     * How many proxies in front of the store append to X-Forwarded-For; the client is the entry
     * that many places from the right of the chain that ends with the socket's peer (0: the peer).
     */
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    /** Local mode only: with it set, editors sign in to the local Studio; without it, only loopback clients reach it. */
    localStudioPassword: env.LOCAL_STUDIO_PASSWORD,
    /**
     * Local mode without a password: the key in the Studio link `npm run dev` prints (from
     * `.data/local.env`, which only this account can read), so that another account on the same
     * machine, which reaches loopback too, is not the Studio's administrator.
     */
    localStudioKey: env.LOCAL_STUDIO_KEY,
    /**
     * What one client may hold in open checkouts at the same time: carts, units in all, and units
     * of one variant. Sized so that an office or a carrier's shared address still serves ordinary
     * buyers (a hold lasts only until its session is paid or lapses) while one script cannot take
     * the shelf; a shop that sells in bulk raises them.
     */
    holdLimits: {
      carts: env.HOLDS_PER_CLIENT,
      units: env.HOLD_UNITS_PER_CLIENT,
      unitsPerVariant: env.HOLD_UNITS_PER_VARIANT,
    },
    /**
     * Live-event streams this instance serves (app/api/live-events): per client (its tabs), in all,
     * and how long one lasts before the browser reconnects and catches up. Counted per instance,
     * because what they bound is this instance's sockets and memory.
     */
    liveStreams: {
      perClient: env.LIVE_STREAMS_PER_CLIENT,
      perInstance: env.LIVE_STREAMS_PER_INSTANCE,
      lifetimeMs: env.LIVE_STREAM_LIFETIME_S * 1000,
    },
    /** Requests per client per minute on the cart, checkout, order lookup and Studio sign-in routes. */
    rateLimits: {
      cart: env.RATE_LIMIT_CART_PER_MINUTE,
      checkout: env.RATE_LIMIT_CHECKOUT_PER_MINUTE,
      lookup: env.RATE_LIMIT_LOOKUP_PER_MINUTE,
      studioSignIn: 10,
      /** Draft-mode enable: each request costs a query of the lake for the preview secret. */
      draftMode: 20,
      /** The Studio's stock route: in real mode each request asks Sanity who the editor is. */
      studio: 120,
      /** The checkout success page: a buyer reloads a few times; a flood of made-up ids must not reach Stripe. */
      successPage: env.RATE_LIMIT_SUCCESS_PAGE_PER_MINUTE,
      /** Account sign-in requests (codes asked for, codes tried) per client per minute. */
      signIn: env.RATE_LIMIT_SIGN_IN_PER_MINUTE,
      /** Sign-in codes emailed to one address per hour, from any number of clients. */
      codesPerEmail: 5,
      /** The account page's own routes (addresses, export, deletion) per client per minute. */
      account: 60,
    },
    mail: {
      /** Any SMTP server; locally MailDev, which `npm run dev` and the tests start. */
      smtpUrl: env.SMTP_URL ?? 'smtp://127.0.0.1:1025',
      from: env.MAIL_FROM ?? 'Restwell <orders@restwell.local>',
      /** How often the outbox looks for confirmation emails that are due (first try or retry). */
      retryMs: env.OUTBOX_RETRY_MS,
    },
    /** Signs the links in order emails: /orders/<id>?token=HMAC(id). */
    get orderLinkSecret() {
      return env.ORDER_LINK_SECRET ?? missing('ORDER_LINK_SECRET')
    },
    /** Signs the cart cookie. */
    get cartSecret() {
      return env.CART_SECRET ?? missing('CART_SECRET')
    },
    /**
     * Signs account session cookies and hashes emailed codes (Better Auth's secret). Real Stripe
     * requires its own; locally it is derived from the cart's, so `.data/local.env` needs no new line.
     */
    get authSecret() {
      return (
        env.AUTH_SECRET ??
        createHash('sha256')
          .update(`restwell-auth:${env.CART_SECRET ?? missing('CART_SECRET')}`)
          .digest('hex')
      )
    },
  }
}

export type AppConfig = ReturnType<typeof build>
/** How the store asks Stripe Tax to tax its sessions, when it does. */
export type TaxSettings = NonNullable<AppConfig['stripe']['tax']>

function readLocalEnvFile(): Record<string, string> {
  const file = localEnvFile()
  return existsSync(file) ? (parseEnv(readFileSync(file, 'utf8')) as Record<string, string>) : {}
}

let cached: AppConfig | undefined

export function config(): AppConfig {
  if (cached) return cached
  const real: Real = {
    sanity: Boolean(process.env[KEY.sanity]),
    stripe: Boolean(process.env[KEY.stripe]),
  }
  const local = real.sanity && real.stripe ? {} : readLocalEnvFile()
  // Local secrets only fill in for services that are local: a real one gets its own or none.
  const ownedByReal = new Set<string>([
    ...(real.sanity ? REQUIRED.sanity : []),
    ...(real.stripe ? REQUIRED.stripe : []),
  ])
  const fromFile = Object.fromEntries(
    Object.entries(local).filter(([name]) => !ownedByReal.has(name)),
  )
  const checked = schema.superRefine((env, ctx) => {
    for (const [name, message] of refusals(env, real))
      ctx.addIssue({ code: 'custom', path: [name], message })
  })
  const parsed = checked.safeParse({ ...fromFile, ...process.env })
  if (!parsed.success) throw new Error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`)
  cached = build(parsed.data, real)
  return cached
}

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import { z } from 'zod'

/**
 * The one place that reads configuration. Each service is real when its key variable is set
 * (SANITY_PROJECT_ID, STRIPE_SECRET_KEY) and local otherwise; local secrets live in
 * `.data/local.env` under the same names real mode uses, and fill in whatever is unset.
 */
// turbopackIgnore: a path built from cwd would make the build trace the whole project.
const localEnvFile = () => process.env.RESTWELL_LOCAL_ENV ?? join(/* turbopackIgnore: true */ process.cwd(), '.data', 'local.env')

const token = z.string().min(8)

const schema = z.object({
  SANITY_PROJECT_ID: z.string().regex(/^[a-z0-9-]+$/).optional(),
  SANITY_DATASET: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/).default('production'),
  SANITY_API_VERSION: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default('2025-02-19'),
  SANITY_API_READ_TOKEN: token.optional(),
  SANITY_API_WRITE_TOKEN: token.optional(),
  LAKE_URL: z.url().default('http://127.0.0.1:3030'),
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, 'must be a Stripe secret key (sk_test_…)').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9]+$/, 'must be a webhook signing secret (whsec_…)').optional(),
  STRIPE_LOCAL_URL: z.url().default('http://127.0.0.1:12111'),
  CART_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SANITY_REVALIDATE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SANITY_PREVIEW_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SITE_URL: z.url().default('http://localhost:3000'),
  ORDER_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Restwell <orders@restwell.local>'),
  OUTBOX_RETRY_MS: z.coerce.number().int().min(100).default(30_000),
  RATE_LIMIT_LOOKUP_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  RATE_LIMIT_CART_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_CHECKOUT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  HOLDS_PER_CLIENT: z.coerce.number().int().min(1).default(3),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  LOCAL_STUDIO_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
})

const trim = (url: string) => url.replace(/\/$/, '')

function build(env: z.output<typeof schema>, real: { sanity: boolean; stripe: boolean }) {
  const missing = (name: string): never => {
    throw new Error(`Invalid configuration: ${name} is required${real.sanity || real.stripe ? ' in real mode' : ' (run through `npm run dev`, which generates .data/local.env)'}`)
  }
  const stripeUrl = new URL(env.STRIPE_LOCAL_URL)
  return {
    siteUrl: trim(env.SITE_URL),
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
      /** Guards /api/draft-mode/enable. */
      get previewSecret() {
        return env.SANITY_PREVIEW_SECRET ?? missing('SANITY_PREVIEW_SECRET')
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
      /** Where stripe-node sends requests locally (`host`/`port`/`protocol`); real mode uses Stripe's defaults. */
      endpoint: real.stripe
        ? undefined
        : { host: stripeUrl.hostname, port: Number(stripeUrl.port || 80), protocol: stripeUrl.protocol.replace(':', '') as 'http' | 'https' },
    },
    /**
     * How many proxies in front of the store append to X-Forwarded-For; the client is the entry
     * that many places from the right of the chain that ends with the socket's peer (0: the peer).
     */
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    /** Local mode only: with it set, editors sign in to the local Studio; without it, only loopback clients reach it. */
    localStudioPassword: env.LOCAL_STUDIO_PASSWORD,
    /** Checkouts one client may hold stock for at the same time. */
    holdsPerClient: env.HOLDS_PER_CLIENT,
    /** Requests per client per minute on the cart and checkout routes. */
    rateLimits: { cart: env.RATE_LIMIT_CART_PER_MINUTE, checkout: env.RATE_LIMIT_CHECKOUT_PER_MINUTE, lookup: env.RATE_LIMIT_LOOKUP_PER_MINUTE, studioSignIn: 10 },
    mail: {
      /** Any SMTP server; locally MailDev, which `npm run dev` and the tests start. */
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      /** How often the outbox looks for confirmation emails that are due (first try or retry). */
      retryMs: env.OUTBOX_RETRY_MS,
    },
    /** Signs the links in order emails: /orders/<id>?token=HMAC(id). */
    get orderLinkSecret() {
      return env.ORDER_LINK_SECRET ?? missing('ORDER_LINK_SECRET')
    },
    /** Signs the cart cookie (and, later, order links). */
    get cartSecret() {
      return env.CART_SECRET ?? missing('CART_SECRET')
    },
  }
}

export type AppConfig = ReturnType<typeof build>

/** Cookies are `Secure` in every production build, whatever SITE_URL says (browsers treat http://localhost as secure). */
export const secureCookies = () => process.env.NODE_ENV === 'production'

function readLocalEnvFile(): Record<string, string> {
  const file = localEnvFile()
  return existsSync(file) ? (parseEnv(readFileSync(file, 'utf8')) as Record<string, string>) : {}
}

let cached: AppConfig | undefined

export function config(): AppConfig {
  if (cached) return cached
  const real = { sanity: Boolean(process.env.SANITY_PROJECT_ID), stripe: Boolean(process.env.STRIPE_SECRET_KEY) }
  const local = real.sanity && real.stripe ? {} : readLocalEnvFile()
  // Local secrets only fill in for services that are local.
  const fromFile = Object.fromEntries(
    Object.entries(local).filter(([name]) => !(real.sanity && name.startsWith('SANITY_')) && !(real.stripe && name.startsWith('STRIPE_'))),
  )
  const parsed = schema.safeParse({ ...fromFile, ...process.env })
  if (!parsed.success) throw new Error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`)
  cached = build(parsed.data, real)
  return cached
}

import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parseEnv } from 'node:util'

/** Every local secret, generated once into `.data/local.env` under the names real mode uses. */
const GENERATED: Record<string, () => string> = {
  SANITY_API_READ_TOKEN: () => `sk_local_read_${randomBytes(18).toString('hex')}`,
  SANITY_API_WRITE_TOKEN: () => `sk_local_write_${randomBytes(18).toString('hex')}`,
  STRIPE_SECRET_KEY: () => `sk_test_local${randomBytes(18).toString('hex')}`,
  STRIPE_WEBHOOK_SECRET: () => `whsec_${randomBytes(24).toString('hex')}`,
  CART_SECRET: () => randomBytes(32).toString('hex'),
  SANITY_REVALIDATE_SECRET: () => randomBytes(24).toString('hex'),
  ORDER_LINK_SECRET: () => randomBytes(32).toString('hex'),
  // Each checkout of the project its own: a developer's sessions on a shared Stripe test account stay theirs.
  STORE_ID: () => `local-${randomBytes(8).toString('hex')}`,
  // The store's role on the embedded PostgreSQL (not a superuser); with-services swaps the port for PG_PORT when that is set.
  DATABASE_URL: () =>
    `postgres://restwell:${randomBytes(18).toString('hex')}@127.0.0.1:5433/restwell`,
  // The embedded PostgreSQL's superuser, used only to make the store's role and database.
  PG_ADMIN_PASSWORD: () => randomBytes(18).toString('hex'),
  // Opens the local Studio in this account's browser (the link `npm run dev` prints): loopback alone is every account on the machine.
  LOCAL_STUDIO_KEY: () => randomBytes(24).toString('base64url'),
  // The local inbox's web UI and API (user `restwell`).
  MAILDEV_WEB_PASS: () => randomBytes(12).toString('hex'),
}

/** `RESTWELL_LOCAL_ENV` points somewhere else (tests use their own secrets). */
export const LOCAL_ENV_FILE =
  process.env.RESTWELL_LOCAL_ENV ?? join(process.cwd(), '.data', 'local.env')

/** Reads `.data/local.env`, adding any secret it lacks (existing values are never changed). */
export function ensureLocalEnv(): Record<string, string> {
  const current = existsSync(LOCAL_ENV_FILE)
    ? (parseEnv(readFileSync(LOCAL_ENV_FILE, 'utf8')) as Record<string, string>)
    : {}
  const missing = Object.keys(GENERATED).filter((name) => !current[name])
  if (missing.length > 0) {
    for (const name of missing) current[name] = GENERATED[name]()
    mkdirSync(dirname(LOCAL_ENV_FILE), { recursive: true, mode: 0o700 })
    const body = Object.entries(current)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n')
    writeFileSync(LOCAL_ENV_FILE, `# Local-only secrets, generated. Never commit.\n${body}\n`, {
      mode: 0o600,
    })
  }
  return current
}

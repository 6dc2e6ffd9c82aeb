import { vi } from 'vitest'

/**
 * Loads config() with exactly these variables over a clean slate (no local secrets file,
 * loopback, not production). Modules are reset first: import the code under test after this.
 */
export async function loadConfig(env: Record<string, string | undefined>) {
  vi.resetModules()
  vi.unstubAllEnvs()
  const clean = {
    RESTWELL_LOCAL_ENV: '/nonexistent/local.env',
    NODE_ENV: 'test',
    HOST: undefined,
    SANITY_PROJECT_ID: undefined,
    STRIPE_SECRET_KEY: undefined,
    LOCAL_STUDIO_PASSWORD: undefined,
    STORE_ENVIRONMENT: undefined,
    VERCEL: undefined,
    VERCEL_ENV: undefined,
    DATABASE_CA_CERT: undefined,
    STRIPE_AUTOMATIC_TAX: undefined,
    STRIPE_TAX_BEHAVIOR: undefined,
    STRIPE_SHIPPING_TAX_CODE: undefined,
  }
  for (const [name, value] of Object.entries({ ...clean, ...env }))
    vi.stubEnv(name, value as string)
  const { config } = await import('../env')
  return config()
}

export const REAL_SANITY = {
  SANITY_PROJECT_ID: 'abc123',
  SANITY_API_READ_TOKEN: 'sk-read-token',
  SANITY_API_WRITE_TOKEN: 'sk-real-token',
  SANITY_REVALIDATE_SECRET: 'r'.repeat(16),
}
export const REAL_STRIPE = {
  STRIPE_SECRET_KEY: 'sk_test_real123',
  STRIPE_WEBHOOK_SECRET: 'whsec_real123',
  CART_SECRET: 'c'.repeat(32),
  ORDER_LINK_SECRET: 'o'.repeat(32),
  AUTH_SECRET: 'a'.repeat(32),
  SMTP_URL: 'smtps://user:pass@smtp.example.com:465',
  MAIL_FROM: 'Restwell <orders@shop.example>',
  DATABASE_URL: 'postgres://store:secret@db.shop.example:5432/store?sslmode=verify-full',
  STORE_ENVIRONMENT: 'production',
}
/** Every setting real mode asks for. */
export const REAL = { ...REAL_SANITY, ...REAL_STRIPE, SITE_URL: 'https://shop.example' }

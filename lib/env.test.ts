import { afterEach, describe, expect, it, vi } from 'vitest'

async function loadConfig(env: Record<string, string | undefined>) {
  vi.resetModules()
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value as string)
  const { config } = await import('./env')
  return config()
}

afterEach(() => vi.unstubAllEnvs())

describe('config', () => {
  it('uses the local lake and local Stripe when no real keys are set', async () => {
    const cfg = await loadConfig({ SANITY_PROJECT_ID: undefined, STRIPE_SECRET_KEY: undefined, LAKE_URL: 'http://127.0.0.1:3131', STRIPE_LOCAL_URL: 'http://127.0.0.1:12345' })
    expect(cfg.sanity).toMatchObject({ mode: 'local', projectId: 'local', apiHost: 'http://127.0.0.1:3131', imageBaseUrl: 'http://127.0.0.1:3131' })
    expect(cfg.stripe.mode).toBe('local')
    expect(cfg.stripe.endpoint).toEqual({ host: '127.0.0.1', port: 12345, protocol: 'http' })
  })

  it('talks to real Sanity and real Stripe when their keys are set', async () => {
    const cfg = await loadConfig({
      SANITY_PROJECT_ID: 'abc123',
      SANITY_DATASET: 'staging',
      SANITY_API_WRITE_TOKEN: 'sk-real-token',
      STRIPE_SECRET_KEY: 'sk_test_real123',
      STRIPE_WEBHOOK_SECRET: 'whsec_real123',
      CART_SECRET: 'x'.repeat(32),
    })
    expect(cfg.sanity).toMatchObject({ mode: 'real', projectId: 'abc123', dataset: 'staging', apiHost: undefined, imageBaseUrl: 'https://cdn.sanity.io', writeToken: 'sk-real-token' })
    expect(cfg.stripe).toMatchObject({ mode: 'real', endpoint: undefined, secretKey: 'sk_test_real123', webhookSecret: 'whsec_real123' })
  })

  it('rejects invalid values with a readable message', async () => {
    await expect(loadConfig({ SANITY_PROJECT_ID: 'Not Valid!' })).rejects.toThrow(/SANITY_PROJECT_ID/)
    await expect(loadConfig({ STRIPE_SECRET_KEY: 'pk_test_publishable' })).rejects.toThrow(/STRIPE_SECRET_KEY/)
  })

  it('names a missing secret only when it is needed', async () => {
    const cfg = await loadConfig({ SANITY_PROJECT_ID: 'abc123', SANITY_API_WRITE_TOKEN: undefined, STRIPE_SECRET_KEY: 'sk_test_real123', STRIPE_WEBHOOK_SECRET: undefined })
    expect(() => cfg.sanity.writeToken).toThrow(/SANITY_API_WRITE_TOKEN is required in real mode/)
    expect(() => cfg.stripe.webhookSecret).toThrow(/STRIPE_WEBHOOK_SECRET/)
  })
})

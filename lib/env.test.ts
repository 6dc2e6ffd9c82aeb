import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadConfig, REAL, REAL_SANITY, REAL_STRIPE } from './test/config'

afterEach(() => vi.unstubAllEnvs())

describe('config', () => {
  it('uses the local lake and local Stripe when no real keys are set', async () => {
    const cfg = await loadConfig({
      LAKE_URL: 'http://127.0.0.1:3131',
      STRIPE_LOCAL_URL: 'http://127.0.0.1:12345',
    })
    expect(cfg.sanity).toMatchObject({
      mode: 'local',
      projectId: 'local',
      apiHost: 'http://127.0.0.1:3131',
      imageBaseUrl: 'http://127.0.0.1:3131',
    })
    expect(cfg.stripe.mode).toBe('local')
    expect(cfg.stripe.endpoint).toEqual({ host: '127.0.0.1', port: 12345, protocol: 'http' })
    expect(cfg.siteUrl).toBe('http://localhost:3000')
    expect(cfg.mail).toMatchObject({
      smtpUrl: 'smtp://127.0.0.1:1025',
      from: 'Restwell <orders@restwell.local>',
    })
    expect(cfg.server).toEqual({ host: '127.0.0.1', port: 3000 })
  })

  it('talks to real Sanity and real Stripe when their keys are set', async () => {
    const cfg = await loadConfig({ ...REAL, SANITY_DATASET: 'staging' })
    expect(cfg.sanity).toMatchObject({
      mode: 'real',
      projectId: 'abc123',
      dataset: 'staging',
      apiHost: undefined,
      imageBaseUrl: 'https://cdn.sanity.io',
      writeToken: 'sk-real-token',
      readToken: 'sk-read-token',
    })
    expect(cfg.stripe).toMatchObject({
      mode: 'real',
      endpoint: undefined,
      secretKey: 'sk_test_real123',
      webhookSecret: 'whsec_real123',
    })
    expect(cfg.mail).toMatchObject({ smtpUrl: REAL.SMTP_URL, from: REAL.MAIL_FROM })
  })

  it('rejects invalid values with a readable message', async () => {
    await expect(loadConfig({ SANITY_PROJECT_ID: 'Not Valid!' })).rejects.toThrow(
      /SANITY_PROJECT_ID/,
    )
    await expect(loadConfig({ STRIPE_SECRET_KEY: 'pk_test_publishable' })).rejects.toThrow(
      /STRIPE_SECRET_KEY/,
    )
  })

  it('turns Stripe Tax on only when asked, exclusive of tax and with the shipping code unless told otherwise', async () => {
    expect((await loadConfig({})).stripe.tax).toBeNull()
    expect((await loadConfig({ STRIPE_AUTOMATIC_TAX: 'true' })).stripe.tax).toEqual({
      behavior: 'exclusive',
      shippingTaxCode: 'txcd_92010001',
    })
    const inclusive = await loadConfig({
      STRIPE_AUTOMATIC_TAX: 'true',
      STRIPE_TAX_BEHAVIOR: 'inclusive',
      STRIPE_SHIPPING_TAX_CODE: 'txcd_00000000',
    })
    expect(inclusive.stripe.tax).toEqual({
      behavior: 'inclusive',
      shippingTaxCode: 'txcd_00000000',
    })
    await expect(loadConfig({ STRIPE_AUTOMATIC_TAX: 'yes' })).rejects.toThrow(
      /STRIPE_AUTOMATIC_TAX/,
    )
    await expect(loadConfig({ STRIPE_TAX_BEHAVIOR: 'unspecified' })).rejects.toThrow(
      /STRIPE_TAX_BEHAVIOR/,
    )
    await expect(loadConfig({ STRIPE_SHIPPING_TAX_CODE: '92010001' })).rejects.toThrow(
      /STRIPE_SHIPPING_TAX_CODE/,
    )
  })

  it('refuses real Sanity without any setting it needs, naming it', async () => {
    for (const name of [...Object.keys(REAL_SANITY).slice(1), 'SITE_URL']) {
      await expect(
        loadConfig({ ...REAL_SANITY, SITE_URL: 'https://shop.example', [name]: undefined }),
        name,
      ).rejects.toThrow(new RegExp(`${name} is required`))
    }
  })

  it('refuses real Stripe without any setting it needs (mail included), naming it', async () => {
    for (const name of [...Object.keys(REAL_STRIPE).slice(1), 'SITE_URL']) {
      await expect(
        loadConfig({ ...REAL_STRIPE, SITE_URL: 'https://shop.example', [name]: undefined }),
        name,
      ).rejects.toThrow(new RegExp(`${name} is required`))
    }
  })

  it('names every missing setting at once', async () => {
    const error = await loadConfig({
      SANITY_PROJECT_ID: 'abc123',
      STRIPE_SECRET_KEY: 'sk_test_real123',
    }).catch((e: Error) => e)
    for (const name of [
      ...Object.keys(REAL).filter((n) => n !== 'SANITY_PROJECT_ID' && n !== 'STRIPE_SECRET_KEY'),
    ])
      expect(String(error)).toContain(name)
  })

  it("never takes a real service's secrets from the local secrets file", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'env-test-')), 'local.env')
    writeFileSync(
      file,
      `CART_SECRET=${'f'.repeat(32)}\nORDER_LINK_SECRET=${'f'.repeat(32)}\nSANITY_API_READ_TOKEN=sk_local_read_x\n`,
    )
    const { CART_SECRET: _cart, ...rest } = REAL
    await expect(loadConfig({ ...rest, RESTWELL_LOCAL_ENV: file })).rejects.toThrow(
      /CART_SECRET is required/,
    )
    // A local service still gets its secrets from the file.
    const cfg = await loadConfig({
      ...REAL_STRIPE,
      SITE_URL: 'https://shop.example',
      RESTWELL_LOCAL_ENV: file,
    })
    expect(cfg.sanity.readToken).toBe('sk_local_read_x')
  })

  it('wants an https SITE_URL in production, in real mode', async () => {
    await expect(
      loadConfig({ ...REAL, NODE_ENV: 'production', SITE_URL: 'http://shop.example' }),
    ).rejects.toThrow(/SITE_URL must be an https:\/\/ address/)
    await expect(loadConfig({ ...REAL, NODE_ENV: 'production' })).resolves.toMatchObject({
      siteUrl: 'https://shop.example',
      production: true,
    })
    await expect(loadConfig({ ...REAL, SITE_URL: 'http://localhost:3000' })).resolves.toMatchObject(
      { siteUrl: 'http://localhost:3000' },
    )
    // Local mode in production (npm start on a laptop, the test stacks) keeps http://localhost.
    await expect(loadConfig({ NODE_ENV: 'production' })).resolves.toMatchObject({
      siteUrl: 'http://localhost:3000',
    })
  })

  it('wants mail over TLS in production with real Stripe', async () => {
    const production = { ...REAL, NODE_ENV: 'production' }
    await expect(
      loadConfig({ ...production, SMTP_URL: 'smtp://user:pass@smtp.example.com:587' }),
    ).rejects.toThrow(/SMTP_URL must use TLS/)
    await expect(
      loadConfig({
        ...production,
        SMTP_URL: 'smtp://user:pass@smtp.example.com:587?requireTLS=false',
      }),
    ).rejects.toThrow(/SMTP_URL/)
    for (const smtpUrl of [
      'smtp://user:pass@smtp.example.com:587?requireTLS=true',
      'smtps://user:pass@smtp.example.com:465',
    ])
      await expect(loadConfig({ ...production, SMTP_URL: smtpUrl })).resolves.toMatchObject({
        production: true,
        mail: { smtpUrl },
      })
    // Outside production a plain local server is fine.
    await expect(loadConfig({ ...REAL, SMTP_URL: 'smtp://127.0.0.1:1025' })).resolves.toMatchObject(
      {
        production: false,
        mail: { smtpUrl: 'smtp://127.0.0.1:1025' },
      },
    )
  })

  it('refuses a production store with real Stripe on the local lake unless the Studio has a password', async () => {
    const store = { ...REAL_STRIPE, SITE_URL: 'https://shop.example', NODE_ENV: 'production' }
    await expect(loadConfig(store)).rejects.toThrow(
      /LOCAL_STUDIO_PASSWORD is required for a production store with real Stripe/,
    )
    await expect(
      loadConfig({ ...store, LOCAL_STUDIO_PASSWORD: 'correct horse battery' }),
    ).resolves.toMatchObject({
      localStudioPassword: 'correct horse battery',
    })
    await expect(loadConfig({ ...store, NODE_ENV: 'development' })).resolves.toMatchObject({
      production: false,
      localStudioPassword: undefined,
    })
  })

  it('refuses local mode on an address other machines reach unless the Studio has a password', async () => {
    await expect(loadConfig({ HOST: '0.0.0.0' })).rejects.toThrow(
      /LOCAL_STUDIO_PASSWORD is required to listen on HOST=0\.0\.0\.0 in local mode/,
    )
    await expect(loadConfig({ HOST: '192.168.1.20' })).rejects.toThrow(/HOST=192\.168\.1\.20/)
    await expect(
      loadConfig({ HOST: '0.0.0.0', LOCAL_STUDIO_PASSWORD: 'correct horse battery' }),
    ).resolves.toMatchObject({
      server: { host: '0.0.0.0', port: 3000 },
    })
    for (const host of ['127.0.0.1', '::1', 'localhost'])
      await expect(loadConfig({ HOST: host, PORT: '4000' })).resolves.toMatchObject({
        server: { host, port: 4000 },
      })
    // With real Sanity there is no local Studio to guard.
    await expect(
      loadConfig({ ...REAL_SANITY, SITE_URL: 'https://shop.example', HOST: '0.0.0.0' }),
    ).resolves.toMatchObject({
      sanity: { mode: 'real' },
      server: { host: '0.0.0.0', port: 3000 },
    })
  })

  it('still names a missing local secret only when it is used', async () => {
    const cfg = await loadConfig({})
    expect(() => cfg.cartSecret).toThrow(/CART_SECRET is required \(run through `npm run dev`/)
  })
})

describe('deploy settings', () => {
  it('names the environment from STORE_ENVIRONMENT, else Vercel’s, else local', async () => {
    expect((await loadConfig({})).environment).toBe('local')
    expect((await loadConfig({ VERCEL: '1', VERCEL_ENV: 'preview' })).environment).toBe('preview')
    expect(
      (await loadConfig({ VERCEL_ENV: 'preview', STORE_ENVIRONMENT: 'staging' })).environment,
    ).toBe('staging')
  })

  it('wants an environment name with real Stripe, so the database can record whose it is', async () => {
    await expect(loadConfig({ ...REAL, STORE_ENVIRONMENT: undefined })).rejects.toThrow(
      /STORE_ENVIRONMENT is required with real Stripe/,
    )
    expect(
      (await loadConfig({ ...REAL, STORE_ENVIRONMENT: undefined, VERCEL_ENV: 'production' }))
        .environment,
    ).toBe('production')
  })

  it('refuses an sslmode that node-postgres and libpq read differently, in either database URL', async () => {
    const require = REAL.DATABASE_URL.replace('verify-full', 'require')
    await expect(loadConfig({ ...REAL, DATABASE_URL: require })).rejects.toThrow(
      /DATABASE_URL: sslmode=require is ambiguous/,
    )
    await expect(loadConfig({ ...REAL, DATABASE_MIGRATION_URL: require })).rejects.toThrow(
      /DATABASE_MIGRATION_URL: sslmode=require/,
    )
  })

  it('on Vercel runs no job timer and keeps small pools', async () => {
    const vercel = await loadConfig({ ...REAL, VERCEL: '1', VERCEL_ENV: 'production' })
    expect(vercel).toMatchObject({ serverless: true, database: { poolSize: 3 } })
    expect(await loadConfig(REAL)).toMatchObject({ serverless: false, database: { poolSize: 10 } })
  })
})

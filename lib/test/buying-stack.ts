import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { eq } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import Stripe from 'stripe'
import { vi } from 'vitest'
import {
  READ_TOKEN,
  removeDir,
  startLakeProcess,
  WRITE_TOKEN,
} from '../../services/content-lake/test/harness'
import {
  SECRET_KEY,
  startStripeProcess,
  WEBHOOK_SECRET,
} from '../../services/stripe-local/test/harness'
import { newCart } from '../cart/cookie'
import { addToCart } from '../cart/mutations'
import { addLineInput, type Cart } from '../cart/schema'
import { inventory, promotionUses } from '../db/schema'
import { LIMITS } from '../http/body'
import { seedInventory } from '../inventory/seed'
import { processStripeWebhook } from '../orders/webhook'
import { testDatabase } from './database'
import { stockCounts } from './stock-counts'

const ORDER_LINK_SECRET = 'o'.repeat(64)

/**
 * The buying path against real local services: the seeded lake and the Stripe double run as
 * processes, and Stripe's webhooks reach the same handler the API route uses. The store's code
 * runs in the test process, configured through the same env variables as the app.
 */
export async function startBuyingStack({ smtpUrl }: { smtpUrl?: string } = {}) {
  const databaseUrl = await testDatabase()
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 })
  const database = drizzle(pool)
  await seedInventory(
    database,
    JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../sanity/seed/inventory.json'), 'utf8'),
    ),
  )
  const dir = mkdtempSync(join(tmpdir(), 'buying-'))
  const envFile = join(dir, 'local.env')
  const secrets = {
    SANITY_API_READ_TOKEN: READ_TOKEN,
    SANITY_API_WRITE_TOKEN: WRITE_TOKEN,
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    CART_SECRET: 'c'.repeat(64),
    ORDER_LINK_SECRET,
    LOCAL_STUDIO_KEY: 'k'.repeat(32),
  }
  writeFileSync(
    envFile,
    Object.entries(secrets)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n'),
  )

  const state = { acceptWebhooks: true, outcomes: [] as string[] }
  const receiver: Server = createServer(async (req, res) => {
    let raw = ''
    for await (const chunk of req) raw += chunk
    if (!state.acceptWebhooks) return void res.writeHead(503).end()
    // The route's own limit, so tests and production refuse the same deliveries.
    if (Buffer.byteLength(raw) > LIMITS.webhook) return void res.writeHead(413).end()
    try {
      const result = await processStripeWebhook(
        raw,
        (req.headers['stripe-signature'] as string) ?? null,
      )
      if ('outcome' in result.body) state.outcomes.push(result.body.outcome)
      res.writeHead(result.status).end(JSON.stringify(result.body))
    } catch (error) {
      res.writeHead(500).end(String(error))
    }
  }).listen(0)
  const lake = await startLakeProcess({
    seed: resolve(import.meta.dirname, '../../sanity/seed/production.ndjson'),
  })
  const double = await startStripeProcess({
    webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`,
    retryBaseMs: 150,
  })
  for (const name of ['SANITY_PROJECT_ID', ...Object.keys(secrets)])
    vi.stubEnv(name, undefined as unknown as string)
  vi.stubEnv('RESTWELL_LOCAL_ENV', envFile)
  vi.stubEnv('LAKE_URL', lake.url)
  vi.stubEnv('STRIPE_LOCAL_URL', double.url)
  vi.stubEnv('SITE_URL', 'http://localhost:3999')
  if (smtpUrl) vi.stubEnv('SMTP_URL', smtpUrl)

  /** Sets a variant's units on hand, nothing held (what an editor's correction does). */
  const setStock = (productId: string, key: string, onHand: number) =>
    database
      .insert(inventory)
      .values({ productId, variantKey: key, onHand })
      .onConflictDoUpdate({
        target: [inventory.productId, inventory.variantKey],
        set: { onHand, held: 0 },
      })
  /** A code's uses in PostgreSQL: redeemed by paid orders, held by open checkouts. */
  const uses = async (promotionId: string) => {
    const [row] = await database
      .select()
      .from(promotionUses)
      .where(eq(promotionUses.promotionId, promotionId))
    return { redeemed: row?.redeemed ?? 0, held: row?.held ?? 0 }
  }
  const query = async <T extends pg.QueryResultRow = Record<string, number>>(
    text: string,
    values: unknown[] = [],
  ) => (await pool.query<T>(text, values)).rows

  return {
    lake,
    double,
    state,
    database,
    databaseUrl,
    /** Rows of one query against the test database. */
    query,
    /** A variant's counts: on hand, held, sold. */
    stock: (productId: string, variantKey: string) => stockCounts(query, productId, variantKey),
    setStock,
    uses,
    firstKey: (productId: string): Promise<string> =>
      lake.client.fetch('*[_id == $id][0].variants[0]._key', { id: productId }),
    async stop() {
      vi.unstubAllEnvs()
      await Promise.all([lake.stop(), double.stop(), pool.end()])
      receiver.close()
      removeDir(lake.dataDir)
      removeDir(double.dataDir)
      removeDir(dir)
    },
  }
}

export async function cartWith(
  lines: Array<{
    productId: string
    variantKey: string
    quantity?: number
    sourceArticle?: string
  }>,
): Promise<Cart> {
  let cart = newCart()
  for (const line of lines) cart = await addToCart(cart, addLineInput.parse(line))
  return cart
}

/** A Stripe event signed with the test webhook secret, as Stripe would send it. */
export function signedEvent(type: string, object: unknown) {
  const payload = JSON.stringify({
    id: `evt_test_${Math.random().toString(36).slice(2)}`,
    object: 'event',
    type,
    data: { object },
    created: Math.floor(Date.now() / 1000),
  })
  const header = new Stripe('sk_test_x').webhooks.generateTestHeaderString({
    payload,
    secret: WEBHOOK_SECRET,
  })
  return { payload, header }
}

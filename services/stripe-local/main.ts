import { resolve } from 'node:path'
import { closeOnSignals, privateFiles, requiredEnv } from '../shared/service-main'
import { startStripeLocal } from './server'

/** Starts the local Stripe double from environment variables (see README.md beside this file). */
privateFiles()
const env = process.env
const required = requiredEnv('stripe-local')

const stripe = await startStripeLocal({
  port: Number(env.STRIPE_LOCAL_PORT ?? 12111),
  host: env.STRIPE_LOCAL_HOST ?? '127.0.0.1',
  dataDir: resolve(env.STRIPE_LOCAL_DATA_DIR ?? '.data/stripe'),
  secretKey: required('STRIPE_SECRET_KEY'),
  webhookSecret: required('STRIPE_WEBHOOK_SECRET'),
  webhookUrl: env.STRIPE_LOCAL_WEBHOOK_URL ?? 'http://localhost:3000/api/webhooks/stripe',
  retryBaseMs: env.STRIPE_LOCAL_RETRY_BASE_MS ? Number(env.STRIPE_LOCAL_RETRY_BASE_MS) : undefined,
  sweepMs: env.STRIPE_LOCAL_SWEEP_MS ? Number(env.STRIPE_LOCAL_SWEEP_MS) : undefined,
  asyncSettleMs: Number(env.STRIPE_LOCAL_ASYNC_SETTLE_MS ?? 10_000),
})
console.log(`[stripe-local] listening on ${stripe.url}`)
closeOnSignals(stripe)

import { resolve } from 'node:path'
import { closeOnSignals, privateFiles, requiredEnv } from '../shared/service-main'
import { parseCorsOrigins } from './cors'
import { startLake } from './server'

/** Starts the local Content Lake from environment variables (see README.md beside this file). */
privateFiles()
const env = process.env
const required = requiredEnv('content-lake')

const lake = await startLake({
  port: Number(env.LAKE_PORT ?? 3030),
  host: env.LAKE_HOST ?? '127.0.0.1',
  dataDir: resolve(env.LAKE_DATA_DIR ?? '.data/lake'),
  projectId: env.LAKE_PROJECT_ID ?? 'local',
  publicUrl: env.LAKE_PUBLIC_URL,
  readToken: required('LAKE_READ_TOKEN'),
  writeToken: required('LAKE_WRITE_TOKEN'),
  publicReads: env.LAKE_PUBLIC_READS === 'true',
  // The store's own origin by default (SITE_URL's default), where the embedded Studio runs.
  corsOrigins: parseCorsOrigins(env.LAKE_CORS_ORIGINS ?? 'http://localhost:3000;credentials'),
  webhook: env.LAKE_WEBHOOK_URL
    ? { url: env.LAKE_WEBHOOK_URL, secret: required('LAKE_WEBHOOK_SECRET') }
    : undefined,
  seed: env.LAKE_SEED
    ? { dataset: env.LAKE_SEED_DATASET ?? 'production', path: resolve(env.LAKE_SEED) }
    : undefined,
})
console.log(`[content-lake] listening on ${lake.url}`)
closeOnSignals(lake)

import { resolve } from 'node:path'
import { closeOnSignals, privateFiles, requiredEnv } from '../shared/service-main'
import { startPostgres } from './server'

/** Starts the local PostgreSQL server from environment variables (see README.md beside this file). */
privateFiles()
const env = process.env
const required = requiredEnv('postgres')

try {
  const server = await startPostgres({
    port: Number(env.PG_PORT ?? 5433),
    dataDir: resolve(env.PG_DATA_DIR ?? '.data/postgres'),
    adminPassword: required('PG_ADMIN_PASSWORD'),
    user: required('PG_USER'),
    password: required('PG_PASSWORD'),
    database: required('PG_DATABASE'),
    fresh: env.PG_FRESH === 'true',
  })
  console.log(
    `[postgres] PostgreSQL 18 on 127.0.0.1:${env.PG_PORT ?? 5433}, data in ${server.dataDir}`,
  )
  closeOnSignals(server)
} catch (error) {
  // A start that cannot work says why and what to do, instead of a stack trace.
  console.error(`[postgres] ${(error as Error).message}`)
  process.exit(1)
}

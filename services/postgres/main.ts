import { resolve } from 'node:path'
import { closeOnSignals, requiredEnv } from '../shared/service-main'
import { startPostgres } from './server'

/** Starts the local PostgreSQL server from environment variables (see README.md beside this file). */
const env = process.env
const required = requiredEnv('postgres')

const server = await startPostgres({
  port: Number(env.PG_PORT ?? 5433),
  dataDir: resolve(env.PG_DATA_DIR ?? '.data/postgres'),
  user: required('PG_USER'),
  password: required('PG_PASSWORD'),
  database: required('PG_DATABASE'),
  fresh: env.PG_FRESH === 'true',
})
console.log(`[postgres] PostgreSQL 18 on 127.0.0.1:${env.PG_PORT ?? 5433}, data in ${server.dataDir}`)
closeOnSignals(server)

import { config } from '../lib/env'
import { databaseMisconfiguration } from '../lib/db/errors'
import { migrateDatabase } from '../lib/db/migrate'

/**
 * `npm run db:migrate`: brings DATABASE_MIGRATION_URL (else DATABASE_URL) up to the schema in
 * lib/db/migrations, as this store's environment (STORE_ENVIRONMENT or Vercel's).
 */
try {
  const { database, environment } = config()
  await migrateDatabase(database.migrationUrl, { environment, ca: database.caCert })
  console.log(`[db] migrations applied (environment: ${environment})`)
} catch (error) {
  console.error(
    `[db] migration failed: ${databaseMisconfiguration(error) ?? (error as Error).message}`,
  )
  process.exit(1)
}

import { config } from '../lib/env'
import { migrateDatabase } from '../lib/db/migrate'

/** `npm run db:migrate`: brings DATABASE_URL (or DATABASE_MIGRATION_URL) up to the schema in lib/db/migrations. */
try {
  const { migrationUrl } = config().database
  await migrateDatabase(migrationUrl)
  console.log('[db] migrations applied')
} catch (error) {
  console.error(`[db] migration failed: ${(error as Error).message}`)
  process.exit(1)
}

import { spawnSync } from 'node:child_process'
import { databaseMisconfiguration } from '../lib/db/errors'
import { migrateDatabase } from '../lib/db/migrate'
import { config } from '../lib/env'

/**
 * Vercel's build (vercel.json buildCommand): a production deploy migrates its database first,
 * then every deploy builds. Preview builds run for every pull request, so they never migrate:
 * a preview that shared production's DATABASE_URL would otherwise change production's schema.
 */
const cfg = config()
if (cfg.vercelEnv === 'production') {
  try {
    await migrateDatabase(cfg.database.migrationUrl, {
      environment: cfg.environment,
      ca: cfg.database.caCert,
    })
    console.log(`[build] migrations applied (environment: ${cfg.environment})`)
  } catch (error) {
    console.error(
      `[build] migration failed: ${databaseMisconfiguration(error) ?? (error as Error).message}`,
    )
    process.exit(1)
  }
} else {
  console.log(
    `[build] ${cfg.vercelEnv ?? 'non-Vercel'} build: no migration (run \`npm run db:migrate\` against this environment's database)`,
  )
}
const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' })
process.exit(build.status ?? 1)

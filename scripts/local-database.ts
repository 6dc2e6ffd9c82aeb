import { readFileSync } from 'node:fs'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { migrateDatabase } from '../lib/db/migrate'
import { seedInventory, type SeedRow } from '../lib/inventory/seed'

export const INVENTORY_SEED = 'sanity/seed/inventory.json'

/** A local database made ready: the schema migrated, and the seed's stock counts on first start (as the lake seeds its content). */
export async function prepareLocalDatabase(url: string, seedFile = INVENTORY_SEED) {
  await migrateDatabase(url, { environment: 'local' })
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  try {
    const rows = JSON.parse(readFileSync(seedFile, 'utf8')) as SeedRow[]
    const seeded = await seedInventory(drizzle(pool), rows)
    if (seeded > 0) console.log(`[services] stocked ${seeded} variants from ${seedFile}`)
  } finally {
    await pool.end()
  }
}

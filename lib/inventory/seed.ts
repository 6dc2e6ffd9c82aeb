import { sql } from 'drizzle-orm'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import { inventory } from '../db/schema'

export type SeedRow = { productId: string; variantKey: string; onHand: number }

/** Stocks a new local store (sanity/seed/inventory.json): only while the inventory is empty, so a restart never resets counts. */
export async function seedInventory(database: NodePgDatabase, rows: SeedRow[]) {
  return database.transaction(async (tx) => {
    // Two starts seeding at once: the second waits here, then finds rows and leaves them.
    await tx.execute(sql`lock table ${inventory} in share row exclusive mode`)
    const [{ count }] = await tx.select({ count: sql<number>`count(*)::int` }).from(inventory)
    if (count > 0) return 0
    if (rows.length > 0) await tx.insert(inventory).values(rows)
    return rows.length
  })
}

import DataLoader from 'dataloader'
import { inArray, sql } from 'drizzle-orm'
import { cache } from 'react'
import { db } from '../db/client'
import { inventory } from '../db/schema'
import { availableUnits, refKey, type VariantRef } from './available'

export type Level = { onHand: number; held: number; sold: number; available: number }

/** Counts for these variants, read now; a variant with no row has none (an editor has not stocked it yet). */
export async function stockLevels(refs: readonly VariantRef[]): Promise<Map<string, Level>> {
  const ids = [...new Set(refs.map((ref) => ref.productId))]
  const found = new Map<string, Level>()
  if (ids.length === 0) return found
  const rows = await db()
    .select({
      productId: inventory.productId,
      variantKey: inventory.variantKey,
      onHand: inventory.onHand,
      held: inventory.held,
      sold: inventory.sold,
      available: sql<number>`${availableUnits}::int`,
    })
    .from(inventory)
    .where(inArray(inventory.productId, ids))
  for (const row of rows) found.set(refKey(row), row)
  return found
}

const none: Level = { onHand: 0, held: 0, sold: 0, available: 0 }

/**
 * Per request, the product cards of a page ask for their stock separately and get it in one
 * query (DataLoader batches what is asked in the same tick). If PostgreSQL cannot answer, the
 * page still renders, with availability unknown (null) rather than an error.
 */
const requestLoader = cache(
  () =>
    new DataLoader<VariantRef, number | null, string>(
      async (refs) => {
        try {
          const levels = await stockLevels(refs)
          return refs.map((ref) => (levels.get(refKey(ref)) ?? none).available)
        } catch (error) {
          console.warn(`[inventory] stock levels unavailable: ${(error as Error).message}`)
          return refs.map(() => null)
        }
      },
      { cacheKeyFn: refKey },
    ),
)

type HasVariants<V> = { _id: string; variants: V[] | null }

/** The product's variants with `available` filled in from the record (null when it cannot be read). */
export async function withAvailability<V extends { _key: string }>(
  product: HasVariants<V>,
): Promise<Array<V & { available: number | null }>> {
  const variants = product.variants ?? []
  const loader = requestLoader()
  const counts = await loader.loadMany(variants.map((v) => ({ productId: product._id, variantKey: v._key })))
  return variants.map((variant, i) => ({ ...variant, available: typeof counts[i] === 'number' ? counts[i] : null }))
}

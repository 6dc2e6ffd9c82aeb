import 'server-only'
import DataLoader from 'dataloader'
import { inArray, sql } from 'drizzle-orm'
import { unstable_cache } from 'next/cache'
import { cache } from 'react'
import { stockTags } from '../cache/tags'
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

/** How long a page may show stock without a change expiring it: the backstop (changes expire it at once). */
const STOCK_LIFE_S = 60

/**
 * What can be sold of each variant, for pages: kept in Next's cache under a tag per product,
 * which PostgreSQL expires with every change (lib/cache/tags.ts), so the page that shows it is
 * cached with it and re-rendered when it changes. Checkout reads stock fresh (stockLevels).
 */
function cachedAvailability(refs: readonly VariantRef[]): Promise<Array<[string, number]>> {
  const keys = [...new Set(refs.map(refKey))].sort()
  const products = [...new Set(refs.map((ref) => ref.productId))]
  return unstable_cache(
    async () =>
      [...(await stockLevels(refs))].map(([key, level]): [string, number] => [
        key,
        level.available,
      ]),
    ['stock', ...keys],
    { tags: stockTags(products), revalidate: STOCK_LIFE_S },
  )()
}

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
          const available = new Map(await cachedAvailability(refs))
          return refs.map((ref) => available.get(refKey(ref)) ?? 0)
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
  const counts = await loader.loadMany(
    variants.map((v) => ({ productId: product._id, variantKey: v._key })),
  )
  return variants.map((variant, i) => ({
    ...variant,
    available: typeof counts[i] === 'number' ? counts[i] : null,
  }))
}

import type { Transaction } from '@sanity/client'
import { STOCK_QUERY } from '@/sanity/queries'
import type { STOCK_QUERY_RESULT } from '@/sanity/types'
import { writeClient } from './client'

/**
 * Stock lives on product variants as `stock` (units on hand) and `reserved` (held by open
 * checkouts). Every change is read → computed → written with `ifRevisionID`, so two writers
 * never both spend the same unit; a 409 means "read again and retry".
 */
export type StockDoc = STOCK_QUERY_RESULT[number]

export type StockVariant = NonNullable<StockDoc['variants']>[number]

export type StockLine = { productId: string; variantKey: string; quantity: number }

export async function loadStock(productIds: string[]): Promise<Map<string, StockDoc>> {
  const docs = await writeClient().fetch(STOCK_QUERY, { ids: [...new Set(productIds)] }, { cache: 'no-store' })
  return new Map(docs.map((doc) => [doc._id, doc]))
}

/** Per product, the `set` patch that applies `delta(variant, quantity)` to each line's variant. */
export function stockPatches(
  stock: Map<string, StockDoc>,
  lines: StockLine[],
  delta: (variant: StockVariant, quantity: number) => { stock?: number; reserved?: number },
) {
  const patches = new Map<string, { rev: string; set: Record<string, number> }>()
  for (const line of lines) {
    const doc = stock.get(line.productId)
    const variant = doc?.variants?.find((v) => v._key === line.variantKey)
    if (!doc || !variant) continue
    const entry = patches.get(doc._id) ?? { rev: doc._rev, set: {} }
    const change = delta(variant, line.quantity)
    // Apply to the running values so two lines of the same variant compound.
    if (change.stock !== undefined) variant.stock = change.stock
    if (change.reserved !== undefined) variant.reserved = change.reserved
    const path = `variants[_key=="${variant._key}"]`
    entry.set[`${path}.stock`] = variant.stock
    entry.set[`${path}.reserved`] = variant.reserved
    patches.set(doc._id, entry)
  }
  return patches
}

export const isConflict = (error: unknown) => (error as { statusCode?: number })?.statusCode === 409

/** Commits a revision-checked transaction; false means another writer got there first (read again). */
export async function commitUnlessConflict(tx: Transaction): Promise<boolean> {
  try {
    await tx.commit({ visibility: 'sync' })
    return true
  } catch (error) {
    if (isConflict(error)) return false
    throw error
  }
}

export const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 10 * 2 ** attempt)))

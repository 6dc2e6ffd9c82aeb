import 'server-only'
import { and, desc, eq, sql } from 'drizzle-orm'
import { freshClient } from '../content/client'
import { db, type Tx } from '../db/client'
import { inventory, stockChanges } from '../db/schema'
import { HttpError } from '../http/errors'
import { PRODUCT_VARIANTS_QUERY } from '@/sanity/queries'
import type { PRODUCT_VARIANTS_QUERY_RESULT } from '@/sanity/types'
import type { VariantRef } from './available'

/** The most units a variant may have on hand: far above any shelf, far below PostgreSQL's integer. */
export const MAX_ON_HAND = 1_000_000

export type StockChangeInput = VariantRef & {
  /** Chosen by the Studio once per submission: the same id sent again changes nothing. */
  requestId: string
  editor: string
  note?: string | null
} & ({ kind: 'restock'; quantity: number } | { kind: 'correction'; onHand: number })

export type StockChange = typeof stockChanges.$inferSelect

export type PublishedProduct = NonNullable<PRODUCT_VARIANTS_QUERY_RESULT>

/** The product as published in the lake (the store sells only published variants), or null. */
export async function publishedProduct(productId: string): Promise<PublishedProduct | null> {
  return freshClient().fetch(PRODUCT_VARIANTS_QUERY, { id: productId }, { cache: 'no-store' })
}

const variantIs = (ref: VariantRef) =>
  and(eq(inventory.productId, ref.productId), eq(inventory.variantKey, ref.variantKey))

/**
 * Records an editor's restock (+quantity) or correction (the counted units on hand) and applies it
 * to the variant's row, in one transaction: the row is locked, so changes and checkouts of the
 * variant take turns and none is lost. Applied once per `requestId`: a repeat answers with the
 * first change and `applied: false`. A correction may not go below what open checkouts hold.
 */
export async function recordStockChange(
  input: StockChangeInput,
): Promise<{ change: StockChange; applied: boolean }> {
  // Asked before the transaction, so no row stays locked while the lake answers.
  const product = await publishedProduct(input.productId)
  if (!product?.variants?.some((variant) => variant._key === input.variantKey))
    throw new HttpError(404, 'No such variant on a published product: publish the product first')

  return db().transaction(async (tx) => {
    await tx
      .insert(inventory)
      .values({ productId: input.productId, variantKey: input.variantKey })
      .onConflictDoNothing()
    const [row] = await tx.select().from(inventory).where(variantIs(input)).for('update')
    // Checked under the lock: a repeat of this request for this variant waits here, then finds the first.
    const earlier = await changeFor(tx, input)
    if (earlier) return { change: earlier, applied: false }

    const toOnHand = input.kind === 'restock' ? row.onHand + input.quantity : input.onHand
    if (input.kind === 'correction' && toOnHand < row.held)
      throw new HttpError(
        409,
        `Open checkouts hold ${row.held} of this variant, so at least ${row.held} must be on hand: count again once they finish or expire`,
        { held: row.held },
      )
    if (toOnHand > MAX_ON_HAND)
      throw new HttpError(422, `A variant can have at most ${MAX_ON_HAND} units on hand`)

    const [change] = await tx
      .insert(stockChanges)
      .values({
        requestId: input.requestId,
        productId: input.productId,
        variantKey: input.variantKey,
        kind: input.kind,
        fromOnHand: row.onHand,
        toOnHand,
        editor: input.editor,
        note: input.note || null,
      })
      .onConflictDoNothing({ target: stockChanges.requestId })
      .returning()
    if (!change) {
      // The same id, committed meanwhile for another variant: this request changes nothing.
      const first = await changeFor(tx, input)
      if (first) return { change: first, applied: false }
      throw new Error(`stock change ${input.requestId} conflicted but cannot be found`)
    }
    await tx
      .update(inventory)
      .set({ onHand: toOnHand, updatedAt: sql`now()` })
      .where(variantIs(input))
    return { change, applied: true }
  })
}

/** The change already recorded under this request's id; refused if that id was used for a different change. */
async function changeFor(tx: Tx, input: StockChangeInput): Promise<StockChange | null> {
  const [found] = await tx
    .select()
    .from(stockChanges)
    .where(eq(stockChanges.requestId, input.requestId))
  if (!found) return null
  if (
    found.productId !== input.productId ||
    found.variantKey !== input.variantKey ||
    found.kind !== input.kind
  )
    throw new HttpError(409, 'This request id was already used for a different stock change')
  return found
}

/** A product's latest stock changes, newest first. */
export async function stockHistory(productId: string, limit = 20): Promise<StockChange[]> {
  return db()
    .select()
    .from(stockChanges)
    .where(eq(stockChanges.productId, productId))
    .orderBy(desc(stockChanges.createdAt), desc(stockChanges.id))
    .limit(limit)
}

import 'server-only'
import { and, eq, sql } from 'drizzle-orm'
import type { Tx } from '../db/client'
import { inventory } from '../db/schema'
import { availableUnits, refKey, type VariantRef } from './available'

export type UnitLine = VariantRef & { quantity: number }

/**
 * Lines merged per variant and sorted, so two lines of one variant count together and two
 * transactions always lock rows in the same order (no deadlock between them).
 */
function perVariant(lines: readonly UnitLine[]): UnitLine[] {
  const merged = new Map<string, UnitLine>()
  for (const line of lines) {
    const key = refKey(line)
    const found = merged.get(key)
    merged.set(key, {
      productId: line.productId,
      variantKey: line.variantKey,
      quantity: (found?.quantity ?? 0) + line.quantity,
    })
  }
  return [...merged.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, line]) => line)
}

const variantIs = (ref: VariantRef) =>
  and(eq(inventory.productId, ref.productId), eq(inventory.variantKey, ref.variantKey))

/** The first line that cannot be covered, with what is available of it; null when every line was taken. */
export type Shortfall = { line: UnitLine; available: number } | null

/**
 * Sells units nobody held (a session paid after its hold lapsed), for every line or for none:
 * each is a conditional update that succeeds only while enough is available, so concurrent
 * transactions (on any number of instances) cannot oversell. On a shortfall the caller must roll
 * the transaction back (throw). (A checkout's hold takes its units in SQL: take_hold, in holds.ts.)
 */
export async function sellFreeUnits(tx: Tx, lines: readonly UnitLine[]): Promise<Shortfall> {
  for (const line of perVariant(lines)) {
    const taken = await tx
      .update(inventory)
      .set({
        onHand: sql`${inventory.onHand} - ${line.quantity}`,
        sold: sql`${inventory.sold} + ${line.quantity}`,
        updatedAt: sql`now()`,
      })
      .where(and(variantIs(line), sql`${availableUnits} >= ${line.quantity}`))
      .returning({ onHand: inventory.onHand })
    if (taken.length === 0) {
      const [row] = await tx
        .select({ available: sql<number>`${availableUnits}::int` })
        .from(inventory)
        .where(variantIs(line))
      return { line, available: row?.available ?? 0 }
    }
  }
  return null
}

/** Turns held units into sold ones. The hold is the caller's proof that they are there. */
export async function sellHeldUnits(tx: Tx, lines: readonly UnitLine[]) {
  for (const line of perVariant(lines)) {
    await tx
      .update(inventory)
      .set({
        onHand: sql`${inventory.onHand} - ${line.quantity}`,
        held: sql`${inventory.held} - ${line.quantity}`,
        sold: sql`${inventory.sold} + ${line.quantity}`,
        updatedAt: sql`now()`,
      })
      .where(variantIs(line))
  }
}

/** Gives held units back to the shelf. */
export async function releaseUnits(tx: Tx, lines: readonly UnitLine[]) {
  for (const line of perVariant(lines)) {
    await tx
      .update(inventory)
      .set({ held: sql`greatest(0, ${inventory.held} - ${line.quantity})`, updatedAt: sql`now()` })
      .where(variantIs(line))
  }
}

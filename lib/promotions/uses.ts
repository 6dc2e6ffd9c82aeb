import 'server-only'
import { sql } from 'drizzle-orm'
import type { Tx } from '../db/client'
import { promotionUses } from '../db/schema'

/** A code's uses live in PostgreSQL; its rules (limit, window, amount) are content in Sanity. A checkout holds a use in take_hold (lib/checkout/holds.ts). */
export async function releaseUse(tx: Tx, promotionId: string) {
  await tx
    .update(promotionUses)
    .set({ held: sql`greatest(0, ${promotionUses.held} - 1)` })
    .where(sql`${promotionUses.promotionId} = ${promotionId}`)
}

/** Counts a use with its order. A held use becomes a redemption; an unheld one (its hold lapsed) still counts: the buyer got the discount. */
export async function redeemUse(tx: Tx, promotionId: string, fromHold: boolean) {
  await tx
    .insert(promotionUses)
    .values({ promotionId, redeemed: 1 })
    .onConflictDoUpdate({
      target: promotionUses.promotionId,
      set: {
        redeemed: sql`${promotionUses.redeemed} + 1`,
        held: fromHold ? sql`greatest(0, ${promotionUses.held} - 1)` : promotionUses.held,
      },
    })
}

/** Uses per code, for the cart's "this code is used up" check before checkout. */
export async function usesOf(tx: Pick<Tx, 'select'>, promotionId: string) {
  const [row] = await tx
    .select()
    .from(promotionUses)
    .where(sql`${promotionUses.promotionId} = ${promotionId}`)
  return { held: row?.held ?? 0, redeemed: row?.redeemed ?? 0 }
}

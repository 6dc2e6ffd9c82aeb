import type { Transaction } from '@sanity/client'
import { writeClient } from '../content/client'
import { PROMOTION_BY_CODE_QUERY, PROMOTION_BY_ID_QUERY } from '@/sanity/queries'
import type { PROMOTION_BY_ID_QUERY_RESULT } from '@/sanity/types'

export type PromotionCounters = NonNullable<PROMOTION_BY_ID_QUERY_RESULT>

/**
 * Promotions are read from the lake every time (a code's counters move with every order), and
 * only as published: a code staged in a draft or a content release is not live until it is.
 */
const live = { cache: 'no-store', perspective: 'published' } as const

export function findPromotion(code: string) {
  return writeClient().fetch(PROMOTION_BY_CODE_QUERY, { code }, live)
}

export function loadPromotion(id: string) {
  return writeClient().fetch(PROMOTION_BY_ID_QUERY, { id }, live)
}

/**
 * Moves a promotion's counters inside `tx`. A code with a redemption limit is written against
 * the revision that was read (ifRevisionID), so its last use goes to exactly one buyer; a code
 * without a limit just increments, so a popular code never makes checkouts retry.
 */
export function movePromotionCounters(tx: Transaction, promotion: PromotionCounters, change: { reserved?: number; redemptions?: number }) {
  const delta = { reserved: change.reserved ?? 0, redemptions: change.redemptions ?? 0 }
  if (typeof promotion.maxRedemptions === 'number') {
    return tx.patch(promotion._id, (p) =>
      p
        .ifRevisionId(promotion._rev)
        .set({ reserved: Math.max(0, promotion.reserved + delta.reserved), redemptions: promotion.redemptions + delta.redemptions }),
    )
  }
  return tx.patch(promotion._id, (p) => p.setIfMissing({ reserved: 0, redemptions: 0 }).inc(delta))
}

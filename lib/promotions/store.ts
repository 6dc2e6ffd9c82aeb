import 'server-only'
import { db } from '../db/client'
import { writeClient } from '../content/client'
import { PROMOTION_BY_CODE_QUERY } from '@/sanity/queries'
import type { PromotionDoc } from './discount'
import { usesOf } from './uses'

/**
 * A code's rules are read from the lake every time, and only as published: a code staged in a
 * draft or a content release is not live until it is. Its uses come from PostgreSQL.
 */
export async function findPromotion(code: string): Promise<PromotionDoc | null> {
  const doc = await writeClient().fetch(
    PROMOTION_BY_CODE_QUERY,
    { code },
    { cache: 'no-store', perspective: 'published' },
  )
  if (!doc) return null
  const uses = await usesOf(db(), doc._id)
  return { ...doc, redemptions: uses.redeemed, reserved: uses.held }
}

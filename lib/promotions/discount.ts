import { z } from 'zod'
import { centsSchema as cents } from '../cents'
import { formatMoney } from '../money'
import type { PROMOTION_BY_CODE_QUERY_RESULT } from '@/sanity/types'

/** A code's rules from the lake, with its uses so far from PostgreSQL (lib/promotions/uses.ts). */
export type PromotionDoc = NonNullable<PROMOTION_BY_CODE_QUERY_RESULT> & {
  redemptions: number
  reserved: number
}

/** The rules of a promotion, checked again here: the API accepts what the Studio would refuse. */
const rules = z.discriminatedUnion('discountType', [
  z.object({ discountType: z.literal('percent'), percentOff: z.number().int().min(1).max(100) }),
  z.object({ discountType: z.literal('amount'), amountOffCents: cents.min(1) }),
])

type Refusal =
  | 'unknown'
  | 'inactive'
  | 'not_started'
  | 'expired'
  | 'exhausted'
  | 'below_minimum'
  | 'misconfigured'

export type Evaluation =
  { ok: true; amount: number; label: string } | { ok: false; reason: Refusal; message: string }

/** Percent of an amount in cents, rounded half up, in integers (no floating-point surprises). */
export const percentOf = (amount: number, percent: number) =>
  Math.floor((amount * percent + 50) / 100)

/** The discount on goods worth `subtotal`: never more than the goods themselves. */
export function discountFor(rule: z.infer<typeof rules>, subtotal: number) {
  const off =
    rule.discountType === 'percent' ? percentOf(subtotal, rule.percentOff) : rule.amountOffCents
  return Math.min(Math.max(0, off), subtotal)
}

const usedUp = (doc: Pick<PromotionDoc, 'maxRedemptions' | 'redemptions' | 'reserved'>) =>
  typeof doc.maxRedemptions === 'number' && doc.redemptions + doc.reserved >= doc.maxRedemptions

/** Whether `code` takes something off goods worth `subtotal` (cents) at `now`, and how much. */
export function evaluatePromotion(
  doc: PromotionDoc | null,
  code: string,
  subtotal: number,
  now = new Date(),
): Evaluation {
  const refuse = (reason: Refusal, message: string): Evaluation => ({ ok: false, reason, message })
  if (!doc) return refuse('unknown', `${code} is not a code we know. Check the spelling.`)
  const rule = rules.safeParse(doc)
  const minimum = cents.nullable().safeParse(doc.minSubtotalCents ?? null)
  if (!rule.success || !minimum.success)
    return refuse('misconfigured', `${code} cannot be used right now.`)
  if (doc.active === false) return refuse('inactive', `${code} is no longer active.`)
  if (doc.startsAt && now < new Date(doc.startsAt))
    return refuse('not_started', `${code} is not valid yet.`)
  if (doc.endsAt && now >= new Date(doc.endsAt)) return refuse('expired', `${code} has expired.`)
  if (usedUp(doc)) return refuse('exhausted', `${code} has been used up.`)
  if (minimum.data !== null && subtotal < minimum.data) {
    return refuse(
      'below_minimum',
      `${code} needs ${formatMoney(minimum.data, 'usd')} of goods; add ${formatMoney(minimum.data - subtotal, 'usd')} more to use it.`,
    )
  }
  const amount = discountFor(rule.data, subtotal)
  const label =
    rule.data.discountType === 'percent'
      ? `${rule.data.percentOff}% off`
      : `${formatMoney(rule.data.amountOffCents, 'usd')} off`
  return { ok: true, amount, label }
}

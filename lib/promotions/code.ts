import { z } from 'zod'
import { PROMOTION_CODE } from '@/sanity/promotionCode'

/** A code as a buyer types it: any case, stray spaces forgiven; anything else is refused with a reason. */
const promotionCodeInput = z
  .string({ error: 'Enter a code' })
  .trim()
  .min(1, 'Enter a code')
  .max(32, 'That code is too long')
  .transform((code) => code.toUpperCase())
  .pipe(z.string().regex(PROMOTION_CODE, 'Codes are letters, digits, - and _ (3 to 32 characters)'))

export const applyPromotionInput = z.object({ code: promotionCodeInput })

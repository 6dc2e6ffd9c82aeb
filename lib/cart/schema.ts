import { z } from 'zod'
import { PROMOTION_CODE } from '@/sanity/promotionCode'

export const MAX_QUANTITY = 20
export const MAX_LINES = 30

const documentId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'must be a document id')
const variantKey = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a variant key')
const quantity = z.number().int('must be a whole number').min(1).max(MAX_QUANTITY)

const cartLineSchema = z.object({
  productId: documentId,
  variantKey,
  quantity,
  /** The article the buyer added it from, for attribution. */
  sourceArticle: documentId.optional(),
})

export const cartSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  lines: z.array(cartLineSchema).max(MAX_LINES),
  /** A code the buyer applied; re-checked against the lake every time the cart is priced. */
  promotionCode: z.string().regex(PROMOTION_CODE).optional(),
})

export type CartLine = z.infer<typeof cartLineSchema>
export type Cart = z.infer<typeof cartSchema>

// Unknown keys (a client-sent price, say) are dropped: only ids and quantities are ever read.
export const addLineInput = cartLineSchema.extend({ quantity: quantity.default(1) })
export const setQuantityInput = z.object({
  productId: documentId,
  variantKey,
  quantity: z.number().int('must be a whole number').min(0).max(MAX_QUANTITY),
})
export const removeLineInput = z.object({ productId: documentId, variantKey }).optional()

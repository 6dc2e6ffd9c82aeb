import type { NextRequest } from 'next/server'
import { applyPromotion, removePromotion } from '@/lib/cart/mutations'
import { cartFromRequest, cartResponse } from '@/lib/cart/request'
import { readJson } from '@/lib/http/body'
import { methodNotAllowed, route } from '@/lib/http/errors'
import { enforceRateLimit } from '@/lib/http/rate-limit'
import { applyPromotionInput } from '@/lib/promotions/code'

export const dynamic = 'force-dynamic'

/** Applies a code: `{ code }`. A code that takes nothing off is refused with the reason (422). */
export const POST = route(async (req: NextRequest) => {
  await enforceRateLimit(req, 'cart')
  const { code } = await readJson(req, applyPromotionInput)
  const { cart, priced } = await applyPromotion(cartFromRequest(req).cart, code)
  return cartResponse(cart, priced)
})

/** Removes the cart's code. */
export const DELETE = route(async (req: NextRequest) => {
  await enforceRateLimit(req, 'cart')
  return cartResponse(removePromotion(cartFromRequest(req).cart))
})

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH }

import { NextResponse, type NextRequest } from 'next/server'
import { removeLine } from '@/lib/cart/lines'
import { addToCart, changeQuantity } from '@/lib/cart/mutations'
import { priceCart } from '@/lib/cart/pricing'
import { cartFromRequest, cartResponse as respond } from '@/lib/cart/request'
import { addLineInput, removeLineInput, setQuantityInput } from '@/lib/cart/schema'
import { readJson } from '@/lib/http/body'
import { methodNotAllowed, route } from '@/lib/http/errors'
import { enforceRateLimit } from '@/lib/http/rate-limit'

export const dynamic = 'force-dynamic'

/** The cart, priced from the lake as it is now. A forged cookie is replaced by an empty cart. */
export const GET = route(async (req: NextRequest) => {
  await enforceRateLimit(req, 'cart')
  const { cart, tampered } = cartFromRequest(req)
  if (tampered) return respond(cart)
  return NextResponse.json(
    { cart: await priceCart(cart, { content: 'cached' }) },
    { headers: { 'cache-control': 'no-store' } },
  )
})

/** Adds units of a product variant: `{ productId, variantKey, quantity?, sourceArticle? }`. */
export const POST = route(async (req: NextRequest) => {
  await enforceRateLimit(req, 'cart')
  const input = await readJson(req, addLineInput)
  return respond(await addToCart(cartFromRequest(req).cart, input))
})

/** Sets a line's quantity: `{ productId, variantKey, quantity }` (0 removes it). */
export const PATCH = route(async (req: NextRequest) => {
  await enforceRateLimit(req, 'cart')
  const { productId, variantKey, quantity } = await readJson(req, setQuantityInput)
  return respond(
    await changeQuantity(cartFromRequest(req).cart, { productId, variantKey }, quantity),
  )
})

/**
 * Removes one line (`{ productId, variantKey }`), or empties the cart when there is no body. An
 * emptied cart keeps its id: the success page knows its buyer by it after the cart is cleared.
 */
export const DELETE = route(async (req: NextRequest) => {
  await enforceRateLimit(req, 'cart')
  const target = await readJson(req, removeLineInput, { optional: true })
  const { cart } = cartFromRequest(req)
  return respond(target ? removeLine(cart, target) : { id: cart.id, lines: [] })
})

export { methodNotAllowed as PUT }

import { NextResponse, type NextRequest } from 'next/server'
import { CART_COOKIE, cartCookieOptions, decodeCart, encodeCart } from './cookie'
import { priceCart } from './pricing'
import type { Cart } from './schema'

export function cartFromRequest(req: NextRequest) {
  return decodeCart(req.cookies.get(CART_COOKIE)?.value)
}

export function writeCart(res: NextResponse, cart: Cart) {
  res.cookies.set(CART_COOKIE, encodeCart(cart), cartCookieOptions())
  return res
}

/** The cart priced as it is now, with the cookie that stores it. */
export async function cartResponse(cart: Cart, status = 200) {
  return writeCart(NextResponse.json({ cart: await priceCart(cart) }, { status, headers: { 'cache-control': 'no-store' } }), cart)
}

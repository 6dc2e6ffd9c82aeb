import type { NextRequest, NextResponse } from 'next/server'
import { CART_COOKIE, cartCookieOptions, decodeCart, encodeCart } from './cookie'
import type { Cart } from './schema'

export function cartFromRequest(req: NextRequest) {
  return decodeCart(req.cookies.get(CART_COOKIE)?.value)
}

export function writeCart(res: NextResponse, cart: Cart) {
  res.cookies.set(CART_COOKIE, encodeCart(cart), cartCookieOptions())
  return res
}

import 'server-only'
import { NextResponse, type NextRequest } from 'next/server'
import {
  CART_COOKIE,
  cartCookieOptions,
  cartCountCookieOptions,
  decodeCart,
  encodeCart,
} from './cookie'
import { CART_COUNT_COOKIE, itemCount } from './count'
import { priceCart, type PricedCart } from './pricing'
import type { Cart } from './schema'

export function cartFromRequest(req: NextRequest) {
  return decodeCart(req.cookies.get(CART_COOKIE)?.value)
}

function writeCart(res: NextResponse, cart: Cart) {
  res.cookies.set(CART_COOKIE, encodeCart(cart), cartCookieOptions())
  res.cookies.set(CART_COUNT_COOKIE, String(itemCount(cart)), cartCountCookieOptions())
  return res
}

/** The cart priced as it is now (unless the caller just priced it), with the cookie that stores it. */
export async function cartResponse(cart: Cart, priced?: PricedCart) {
  return writeCart(
    NextResponse.json(
      { cart: priced ?? (await priceCart(cart, { content: 'cached' })) },
      { headers: { 'cache-control': 'no-store' } },
    ),
    cart,
  )
}

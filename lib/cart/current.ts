import { cookies } from 'next/headers'
import { CART_COOKIE, decodeCart } from './cookie'
import { itemCount } from './count'

/** The requesting buyer's cart, from its signed cookie, for server components (routes use cartFromRequest). */
export async function cartForRequest() {
  return decodeCart((await cookies()).get(CART_COOKIE)?.value).cart
}

/** The units in the requesting buyer's cart: no lake or database query. */
export async function cartCountForRequest() {
  return itemCount(await cartForRequest())
}

import { cookies } from 'next/headers'
import { CART_COOKIE, decodeCart } from './cookie'
import { itemCount } from './count'

/** The units in the requesting buyer's cart, read from its signed cookie: no lake or database query. */
export async function cartCountForRequest() {
  return itemCount(decodeCart((await cookies()).get(CART_COOKIE)?.value).cart)
}

import 'server-only'
import { cookies } from 'next/headers'
import { CART_COOKIE, decodeCart } from './cookie'

/** The requesting buyer's cart, from its signed cookie, for server components (routes use cartFromRequest). */
export async function cartForRequest() {
  return decodeCart((await cookies()).get(CART_COOKIE)?.value).cart
}

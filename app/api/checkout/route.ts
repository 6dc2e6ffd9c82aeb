import { NextResponse, type NextRequest } from 'next/server'
import { accountFromHeaders } from '@/lib/accounts/current'
import { buyerFor } from '@/lib/accounts/customer'
import { priceCart } from '@/lib/cart/pricing'
import { cartFromRequest } from '@/lib/cart/request'
import { startCheckout } from '@/lib/checkout/start'
import { refuseLargeBody } from '@/lib/http/body'
import { clientKey } from '@/lib/http/client'
import { HttpError, methodNotAllowed, route } from '@/lib/http/errors'
import { enforceRateLimit } from '@/lib/http/rate-limit'

export const dynamic = 'force-dynamic'

/** Starts Stripe Checkout for the cart in the cookie. The body is ignored: nothing the client says about prices counts. */
export const POST = route(async (req: NextRequest) => {
  await enforceRateLimit(req, 'checkout')
  await refuseLargeBody(req)
  const { cart, tampered } = cartFromRequest(req)
  if (tampered) throw new HttpError(400, 'Your cart could not be read. Please add the items again.')
  // Guests buy as before; a signed-in buyer's checkout is prefilled and the order is theirs.
  const account = await accountFromHeaders(req.headers)
  const buyer = account ? await buyerFor(account) : null
  const { url, sessionId } = await startCheckout(cart, await priceCart(cart), clientKey(req), buyer)
  return NextResponse.json({ url, sessionId }, { headers: { 'cache-control': 'no-store' } })
})

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE }

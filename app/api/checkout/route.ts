import { NextResponse, type NextRequest } from 'next/server'
import { accountFromHeaders } from '@/lib/accounts/current'
import { buyerFor } from '@/lib/accounts/customer'
import { priceCart } from '@/lib/cart/pricing'
import { cartFromRequest } from '@/lib/cart/request'
import { startCheckout } from '@/lib/checkout/start'
import { checkoutRequest, priceChanges } from '@/lib/cart/shown-prices'
import { readJson } from '@/lib/http/body'
import { clientKey } from '@/lib/http/client'
import { HttpError, methodNotAllowed, route } from '@/lib/http/errors'
import { enforceRateLimit } from '@/lib/http/rate-limit'

export const dynamic = 'force-dynamic'

/**
 * Starts Stripe Checkout for the cart in the cookie, priced from the lake as it is now. The body
 * may say which prices the cart showed (lib/cart/shown-prices.ts): if one has changed since, the
 * buyer is told and shown the new prices before paying (409). Nothing the client says is charged.
 */
export const POST = route(async (req: NextRequest) => {
  await enforceRateLimit(req, 'checkout')
  const { shown = [] } = await readJson(req, checkoutRequest, { optional: true })
  const { cart, tampered } = cartFromRequest(req)
  if (tampered) throw new HttpError(400, 'Your cart could not be read. Please add the items again.')
  const priced = await priceCart(cart)
  const changed = priceChanges(shown, priced)
  if (changed.length > 0)
    throw new HttpError(
      409,
      `Prices changed since your cart was shown: ${changed.join(' ')} Check your cart, then check out again.`,
      {
        priceChanged: true,
        cart: priced,
      },
    )
  // Guests buy as before; a signed-in buyer's checkout is prefilled and the order is theirs.
  const account = await accountFromHeaders(req.headers)
  const buyer = account ? await buyerFor(account) : null
  const { url, sessionId } = await startCheckout(cart, priced, clientKey(req), buyer)
  return NextResponse.json({ url, sessionId }, { headers: { 'cache-control': 'no-store' } })
})

export {
  methodNotAllowed as GET,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
}

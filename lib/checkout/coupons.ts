import 'server-only'
import type Stripe from 'stripe'
import { isStripeError, stripe } from '../payments/stripe'

/**
 * Deletes the one-use coupon a checkout made for its discount (start.ts couponFor), once its
 * session completed (the coupon is spent) or expired (it never will be), so the account's
 * coupon list does not grow with every discounted attempt. Best effort: a coupon left behind can
 * no longer be redeemed, so a failure is logged, not retried.
 */
export async function discardSessionCoupon(
  session: Pick<Stripe.Checkout.Session, 'id' | 'discounts'>,
) {
  for (const discount of session.discounts ?? []) {
    const coupon = typeof discount.coupon === 'string' ? discount.coupon : discount.coupon?.id
    if (!coupon) continue
    try {
      await stripe().coupons.del(coupon)
    } catch (error) {
      if (!isStripeError(error, 404))
        console.warn(
          `[stripe] could not delete coupon ${coupon} of ${session.id}: ${(error as Error).message}`,
        )
    }
  }
}

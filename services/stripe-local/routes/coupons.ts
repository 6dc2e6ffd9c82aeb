import type { ApiContext } from '../context'
import { createCoupon } from '../coupons'
import { StripeError, findStored } from '../errors'

/** `POST /v1/coupons`: an `id` already taken is Stripe's `resource_already_exists`. */
export function create({ double, params }: ApiContext) {
  const { state } = double
  const coupon = createCoupon(params)
  if (state.coupons[coupon.id])
    throw new StripeError(400, 'invalid_request_error', 'Coupon already exists.', {
      code: 'resource_already_exists',
      param: 'id',
    })
  state.coupons[coupon.id] = coupon
  state.save()
  return coupon
}

/** `GET /v1/coupons/:id` */
export function retrieve({ double, id }: ApiContext) {
  return findStored(double.state.coupons, 'coupon', id, 'id')
}

/** `DELETE /v1/coupons/:id`: as at Stripe, sessions that carry the coupon keep their discount. */
export function remove({ double, id }: ApiContext) {
  const { state } = double
  const coupon = findStored(state.coupons, 'coupon', id, 'id')
  delete state.coupons[coupon.id]
  state.save()
  return { id: coupon.id, object: 'coupon', deleted: true }
}

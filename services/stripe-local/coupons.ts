import { invalid } from './errors'
import { nowSeconds, stripeId } from './ids'
import { currency, integer, metadata, string } from './params'

export type Coupon = {
  id: string
  object: 'coupon'
  amount_off: number | null
  currency: string | null
  percent_off: number | null
  duration: 'once' | 'forever' | 'repeating'
  max_redemptions: number | null
  times_redeemed: number
  name: string | null
  metadata: Record<string, string>
  valid: boolean
  created: number
  livemode: false
}

const KNOWN = new Set([
  'id',
  'amount_off',
  'currency',
  'percent_off',
  'duration',
  'max_redemptions',
  'name',
  'metadata',
])

export function createCoupon(params: Record<string, unknown>): Coupon {
  for (const key of Object.keys(params))
    if (!KNOWN.has(key)) throw invalid(`Received unknown parameter: ${key}`, key)
  const amountOff =
    params.amount_off === undefined ? null : integer(params.amount_off, 'amount_off', 1)
  const percentOff = params.percent_off === undefined ? null : Number(params.percent_off)
  if ((amountOff === null) === (percentOff === null))
    throw invalid('You must pass exactly one of amount_off or percent_off.', 'amount_off')
  if (percentOff !== null && !(percentOff > 0 && percentOff <= 100))
    throw invalid('percent_off must be greater than 0 and at most 100', 'percent_off')
  const duration = params.duration ?? 'once'
  if (duration !== 'once' && duration !== 'forever' && duration !== 'repeating')
    throw invalid(`Invalid duration: ${String(duration)}`, 'duration')
  return {
    id: string(params.id, 'id', { required: false, max: 200 }) ?? stripeId('co', 8).slice(3),
    object: 'coupon',
    amount_off: amountOff,
    currency: amountOff === null ? null : currency(params.currency, 'currency'),
    percent_off: percentOff,
    duration,
    max_redemptions:
      params.max_redemptions === undefined
        ? null
        : integer(params.max_redemptions, 'max_redemptions', 1),
    times_redeemed: 0,
    name: string(params.name, 'name', { required: false, max: 40 }),
    metadata: metadata(params.metadata, 'metadata'),
    valid: true,
    created: nowSeconds(),
    livemode: false,
  }
}

/** What a coupon takes off a subtotal, as Stripe computes it: never more than the subtotal. */
export function couponDiscount(coupon: Coupon, subtotal: number) {
  const off = coupon.amount_off ?? Math.round((subtotal * (coupon.percent_off ?? 0)) / 100)
  return Math.min(off, subtotal)
}

export function checkRedeemable(coupon: Coupon, sessionCurrency: string, param: string) {
  if (
    !coupon.valid ||
    (coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions)
  ) {
    throw invalid(`This coupon (${coupon.id}) is no longer valid.`, param)
  }
  if (coupon.currency && coupon.currency !== sessionCurrency)
    throw invalid('The coupon currency must match the session currency.', param)
}

/** Spreads a discount over amounts in proportion, in whole cents that add up exactly. */
export function allocate(total: number, amounts: number[]) {
  const sum = amounts.reduce((a, b) => a + b, 0)
  if (sum === 0 || total === 0) return amounts.map(() => 0)
  const exact = amounts.map((a) => (a * total) / sum)
  const shares = exact.map(Math.floor)
  let left = total - shares.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0])
  for (const [, i] of order) {
    if (left-- <= 0) break
    shares[i] += 1
  }
  return shares
}

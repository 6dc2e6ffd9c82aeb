import type { Order } from './records'

type Amounts = Pick<
  Order,
  'amountSubtotal' | 'amountDiscount' | 'amountShipping' | 'amountTax' | 'amountTotal'
>

/**
 * The tax an order shows, or null when Stripe Tax charged none (nothing is shown then). Whether it
 * was added to the prices or included in them follows from what Stripe charged: an added tax is
 * part of the sum that makes the total, an included one is not. The amounts, not today's settings,
 * say it, since the shop may change STRIPE_TAX_BEHAVIOR after the order.
 */
export function orderTax(order: Amounts): { cents: number; included: boolean } | null {
  if (order.amountTax <= 0) return null
  const beforeTax = order.amountSubtotal - order.amountDiscount + order.amountShipping
  return { cents: order.amountTax, included: order.amountTotal !== beforeTax + order.amountTax }
}

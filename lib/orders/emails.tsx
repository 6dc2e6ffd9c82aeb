import 'server-only'
import { OrderConfirmationEmail, type OrderEmailReason } from '../mail/OrderConfirmationEmail'
import { PaymentFailedEmail } from '../mail/PaymentFailedEmail'
import { sendEmail } from '../mail/send'
import { stripe } from '../payments/stripe'
import { orderUrl } from './link'
import { orderById, type Order } from './records'

// The emails to a buyer, rendered and sent. The outbox (./outbox/deliver.ts) decides when.

const SUBJECTS: Record<Exclude<OrderEmailReason, 'lookup'>, (order: Order) => string> = {
  confirmation: (order) => `Your Restwell order ${order.orderNumber}`,
  refund: (order) => `Your Restwell order ${order.orderNumber} was refunded`,
}

/** An email about an order, to the order's own address. */
export function sendOrderEmail(order: Order & { email: string }, reason: OrderEmailReason) {
  return sendEmail({
    to: order.email,
    subject: reason === 'lookup' ? SUBJECTS.confirmation(order) : SUBJECTS[reason](order),
    body: <OrderConfirmationEmail order={order} orderUrl={orderUrl(order.id)} reason={reason} />,
  })
}

/** A bank debit that failed: the buyer is told nothing was charged. No order exists, so Stripe has the address. */
export async function sendPaymentFailed(sessionId: string) {
  const session = await stripe().checkout.sessions.retrieve(sessionId)
  const to = session.customer_details?.email
  if (!to) return // nobody to tell
  await sendEmail({
    to,
    subject: 'Your Restwell payment did not go through',
    body: <PaymentFailedEmail />,
  })
}

/** Sends the order again to its own address, for "Find my order". Not part of the outbox. */
export async function resendOrderLink(orderId: string) {
  const order = await orderById(orderId)
  if (order?.email) await sendOrderEmail({ ...order, email: order.email }, 'lookup')
}

import type { Order } from './lookup'

/** `b•••@example.com`: enough for the buyer to recognise, too little for anyone else to use. */
export function maskEmail(email: string) {
  const at = email.lastIndexOf('@')
  return at > 0 ? `${email[0]}•••${email.slice(at)}` : '•••'
}

/**
 * What the success page may show to whoever holds its URL. The URL travels (history, a shared
 * screen, a forwarded link), so only the browser whose cart paid sees the address and the full
 * email; anyone else sees the order with the email masked and no address.
 */
export function orderForViewer(order: Order, viewerCartId: string): Order {
  if (order.cartId && order.cartId === viewerCartId) return order
  return { ...order, email: order.email ? maskEmail(order.email) : null, shippingAddress: null }
}

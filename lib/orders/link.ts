import { createHmac } from 'node:crypto'
import { config } from '../env'
import { sameSecret } from '../secrets'

/** The token in an order link: an HMAC of the order id, so only the server can make one. */
export function orderToken(orderId: string) {
  return createHmac('sha256', config().orderLinkSecret).update(`order:${orderId}`).digest('base64url')
}

export function verifyOrderToken(orderId: string, token: string | null | undefined) {
  return sameSecret(token, orderToken(orderId))
}

export function orderUrl(orderId: string) {
  return `${config().siteUrl}/orders/${encodeURIComponent(orderId)}?token=${orderToken(orderId)}`
}

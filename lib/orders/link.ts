import 'server-only'
import { createHmac } from 'node:crypto'
import { config } from '../env'
import { sameSecret } from '../secrets'

/**
 * How long an emailed order link opens the order page (name, address, items): long enough to
 * follow a delivery and a return, short enough that an old or forwarded email stops showing them.
 * "Find my order" emails a fresh link at any time.
 */
export const ORDER_LINK_DAYS = 30

/** What a link's token says about the order it names. */
export type OrderLinkCheck = 'valid' | 'expired' | 'invalid'

const sign = (payload: string) =>
  createHmac('sha256', config().orderLinkSecret).update(payload).digest('base64url')

/** The token in an order link: `<expiry, seconds in base 36>.<HMAC of order id and expiry>`, so only the server can make one. */
export function orderToken(orderId: string, now = Date.now()) {
  const expires = Math.floor(now / 1000 + ORDER_LINK_DAYS * 86_400).toString(36)
  return `${expires}.${sign(`order:${orderId}:${expires}`)}`
}

/**
 * Links from before tokens carried an expiry (the HMAC alone, which never expired) are known and
 * read as expired: the buyer is offered a fresh link, and a leaked one shows nothing.
 */
export function checkOrderToken(
  orderId: string,
  token: string | null | undefined,
  now = Date.now(),
): OrderLinkCheck {
  if (!token) return 'invalid'
  const [expires, signature, ...rest] = token.split('.')
  if (signature === undefined)
    return sameSecret(token, sign(`order:${orderId}`)) ? 'expired' : 'invalid'
  if (
    rest.length > 0 ||
    !/^[0-9a-z]{1,10}$/.test(expires) ||
    !sameSecret(signature, sign(`order:${orderId}:${expires}`))
  )
    return 'invalid'
  return parseInt(expires, 36) * 1000 > now ? 'valid' : 'expired'
}

export function orderUrl(orderId: string) {
  return `${config().siteUrl}/orders/${encodeURIComponent(orderId)}?token=${orderToken(orderId)}`
}

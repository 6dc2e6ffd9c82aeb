import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { StripeError } from './errors'

/** Requires the secret key as Stripe takes it, `Authorization: Bearer sk_test_…`: 401 otherwise. */
export function authenticate(req: IncomingMessage, secretKey: string) {
  const auth = req.headers.authorization ?? ''
  const key = auth.startsWith('Bearer ') ? auth.slice(7) : ''
  if (!safeEqual(key, secretKey)) {
    throw new StripeError(
      401,
      'authentication_error',
      `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 8))}`,
    )
  }
}

/** Test control endpoints are not Stripe's API: they answer clients on this machine only. */
export function requireLoopback(req: IncomingMessage) {
  const address = req.socket.remoteAddress
  if (address !== '127.0.0.1' && address !== '::1' && address !== '::ffff:127.0.0.1')
    throw new StripeError(
      403,
      'invalid_request_error',
      'Test control endpoints answer loopback clients only.',
    )
}

function safeEqual(a: string, b: string) {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

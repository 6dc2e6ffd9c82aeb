import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { config } from '../env'
import { cartSchema, type Cart } from './schema'

export const CART_COOKIE = 'rw_cart'
const MAX_AGE_SECONDS = 60 * 60 * 24 * 30

function sign(payload: string) {
  return createHmac('sha256', config().cartSecret).update(payload).digest('base64url')
}

export function newCart(): Cart {
  return { id: randomBytes(16).toString('base64url'), lines: [] }
}

/** `base64url(json).signature`: signed, not encrypted (the browser can read it), and forgeable by no one without the key. */
export function encodeCart(cart: Cart) {
  const payload = Buffer.from(JSON.stringify(cart)).toString('base64url')
  return `${payload}.${sign(payload)}`
}

/** A missing cookie is a new cart; a tampered or malformed one is rejected and replaced. */
export function decodeCart(value: string | undefined): { cart: Cart; tampered: boolean } {
  if (!value) return { cart: newCart(), tampered: false }
  const [payload, signature, extra] = value.split('.')
  const expected = payload ? sign(payload) : ''
  const valid =
    extra === undefined &&
    signature !== undefined &&
    signature.length === expected.length &&
    timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
  if (!valid) return { cart: newCart(), tampered: true }
  try {
    const parsed = cartSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')))
    return parsed.success ? { cart: parsed.data, tampered: false } : { cart: newCart(), tampered: true }
  } catch {
    return { cart: newCart(), tampered: true }
  }
}

export function cartCookieOptions() {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config().production,
    path: '/',
    maxAge: MAX_AGE_SECONDS,
  }
}

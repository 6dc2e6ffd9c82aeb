import 'server-only'
import { createHmac, randomBytes } from 'node:crypto'
import { config } from '../env'
import { sameSecret } from '../secrets'
import { cartSchema, type Cart } from './schema'

export const CART_COOKIE = 'rw_cart'
const MAX_AGE_SECONDS = 60 * 60 * 24 * 30

function sign(payload: string) {
  return createHmac('sha256', config().cartSecret).update(payload).digest('base64url')
}

export function newCart(): Cart {
  return { id: randomBytes(16).toString('base64url'), lines: [] }
}

/**
 * `base64url(json).signature`: signed, not encrypted. Whoever holds the cookie can decode the cart
 * (page scripts cannot: it is HttpOnly), but no one without the key can make one the server accepts.
 */
export function encodeCart(cart: Cart) {
  const payload = Buffer.from(JSON.stringify(cart)).toString('base64url')
  return `${payload}.${sign(payload)}`
}

/** A missing cookie is a new cart; a tampered or malformed one is rejected and replaced. */
export function decodeCart(value: string | undefined): { cart: Cart; tampered: boolean } {
  if (!value) return { cart: newCart(), tampered: false }
  const [payload, signature, extra] = value.split('.')
  if (!payload || extra !== undefined || !sameSecret(signature, sign(payload)))
    return { cart: newCart(), tampered: true }
  try {
    const parsed = cartSchema.safeParse(
      JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')),
    )
    return parsed.success
      ? { cart: parsed.data, tampered: false }
      : { cart: newCart(), tampered: true }
  } catch {
    return { cart: newCart(), tampered: true }
  }
}

/** The count cookie (count.ts) is for the page's own script to read. */
export function cartCountCookieOptions() {
  return { ...cartCookieOptions(), httpOnly: false }
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

import { randomBytes } from 'node:crypto'

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** Ids with Stripe's prefixes: cs_test_…, pi_…, evt_…, li_…, re_…, shr_… */
export function stripeId(prefix: string, length = 24) {
  let id = ''
  for (const byte of randomBytes(length)) id += ALPHABET[byte % ALPHABET.length]
  return `${prefix}_${id}`
}

export const nowSeconds = () => Math.floor(Date.now() / 1000)

import { timingSafeEqual } from 'node:crypto'

/** Compares a secret the client sent with the one we hold, in time that does not depend on where they differ. */
export function sameSecret(given: string | null | undefined, expected: string) {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

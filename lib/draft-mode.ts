import { timingSafeEqual } from 'node:crypto'
import { config } from './env'

export function isPreviewSecret(candidate: string | null) {
  if (!candidate) return false
  const expected = Buffer.from(config().sanity.previewSecret)
  const given = Buffer.from(candidate)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Only paths on this site: an open redirect would let anyone bounce visitors elsewhere. */
export function safeRedirectPath(value: string | null) {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/'
}

import { randomBytes } from 'node:crypto'

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** A 22-character base62 id, the shape Sanity uses for document and transaction ids. */
export function randomId(length = 22) {
  const bytes = randomBytes(length)
  let id = ''
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length]
  return id
}

const VALID_ID = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/

export function isValidDocumentId(id: unknown): id is string {
  return typeof id === 'string' && VALID_ID.test(id) && !id.includes('..') && !id.endsWith('.')
}

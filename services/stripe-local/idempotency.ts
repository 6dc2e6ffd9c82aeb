import { createHash } from 'node:crypto'
import { StripeError } from './errors'
import type { Reply } from './http'

/**
 * Stripe's idempotency keys: the first answer to a key is kept with a fingerprint of its request
 * (method, path and body). The same key and request get that answer again, errors included, and
 * the same key with another request is a 400 `idempotency_error`. Keys live in memory only.
 */
export class IdempotencyKeys {
  private readonly answers = new Map<string, { fingerprint: string; reply: Promise<Reply> }>()

  /** The stored answer to `key` (`replayed`), or `answer()`'s, stored under it. */
  answer(key: string, request: string, answer: () => Promise<Reply>) {
    const fingerprint = createHash('sha256').update(request).digest('hex')
    const existing = this.answers.get(key)
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw new StripeError(
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        )
      }
      return { replayed: true, reply: existing.reply }
    }
    const reply = answer().catch((error): Reply => {
      if (error instanceof StripeError) return { status: error.statusCode, body: error.toBody() }
      throw error
    })
    this.answers.set(key, { fingerprint, reply })
    return { replayed: false, reply }
  }
}

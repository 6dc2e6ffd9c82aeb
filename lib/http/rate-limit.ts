import type { NextRequest } from 'next/server'
import { config } from '../env'
import { clientAddress } from './client'
import { HttpError } from './errors'

type Bucket = { tokens: number; updated: number }
type Budget = { capacity: number; windowMs: number }

const MAX_KEYS = 50_000
const MINUTE = 60_000

/**
 * Token buckets, in memory (one server process): `capacity` uses, refilled evenly over
 * `windowMs`. Keys are client addresses (picked by `clientAddress` under TRUSTED_PROXY_HOPS,
 * never an entry the client wrote itself) or, for per-order budgets, an order id.
 */
class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()

  constructor(private readonly budget: Budget) {}

  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const { capacity, windowMs } = this.budget
    const now = Date.now()
    const refillPerMs = capacity / windowMs
    const bucket = this.buckets.get(key) ?? { tokens: capacity, updated: now }
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updated) * refillPerMs)
    bucket.updated = now
    this.buckets.delete(key) // re-insert: the Map's order is least-recently-used first
    this.buckets.set(key, bucket)
    if (this.buckets.size > MAX_KEYS) this.buckets.delete(this.buckets.keys().next().value!)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return { ok: true }
    }
    return { ok: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / refillPerMs / 1000) }
  }
}

function budgets() {
  const { rateLimits } = config()
  return {
    cart: { capacity: rateLimits.cart, windowMs: MINUTE },
    checkout: { capacity: rateLimits.checkout, windowMs: MINUTE },
    lookup: { capacity: rateLimits.lookup, windowMs: MINUTE },
    studioSignIn: { capacity: rateLimits.studioSignIn, windowMs: MINUTE },
    /** Emails "Find my order" may send for one order, from any number of clients. */
    orderEmail: { capacity: 3, windowMs: 60 * MINUTE },
  } satisfies Record<string, Budget>
}

type Group = keyof ReturnType<typeof budgets>

const limiters = new Map<Group, RateLimiter>()

function limiter(group: Group) {
  let found = limiters.get(group)
  if (!found) {
    found = new RateLimiter(budgets()[group])
    limiters.set(group, found)
  }
  return found
}

/** Throws 429 with Retry-After when this client has used up its budget for the group. */
export function enforceRateLimit(req: NextRequest, group: Group) {
  const result = limiter(group).take(clientAddress(req))
  if (!result.ok) {
    throw new HttpError(
      429,
      'Too many requests. Please wait a moment and try again.',
      {},
      { 'retry-after': String(result.retryAfterSeconds) },
    )
  }
}

/** Takes one unit of the group's budget for `key` (not a client): false when it is used up. */
export function takeBudget(group: Group, key: string) {
  return limiter(group).take(key).ok
}

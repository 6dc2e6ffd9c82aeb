import type { NextRequest } from 'next/server'
import { config } from '../env'
import { clientAddress } from './client'
import { HttpError } from './errors'

type Bucket = { tokens: number; updated: number }

const MAX_CLIENTS = 50_000

/**
 * A token bucket per client per route group, in memory (one server process). The client is the
 * address `clientAddress` picks from the forwarding chain under TRUSTED_PROXY_HOPS, never an
 * entry the client wrote itself.
 */
class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()

  constructor(private readonly perMinute: number) {}

  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = Date.now()
    const refillPerMs = this.perMinute / 60_000
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, updated: now }
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.updated) * refillPerMs)
    bucket.updated = now
    this.buckets.delete(key) // re-insert: the Map's order is least-recently-used first
    this.buckets.set(key, bucket)
    if (this.buckets.size > MAX_CLIENTS) this.buckets.delete(this.buckets.keys().next().value!)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return { ok: true }
    }
    return { ok: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / refillPerMs / 1000) }
  }
}

const limiters = new Map<string, RateLimiter>()


type Group = keyof ReturnType<typeof config>['rateLimits']

function limiter(group: Group) {
  let found = limiters.get(group)
  if (!found) {
    found = new RateLimiter(config().rateLimits[group])
    limiters.set(group, found)
  }
  return found
}

/** Throws 429 with Retry-After when this client has used up its budget for the group. */
export function enforceRateLimit(req: NextRequest, group: Group) {
  const result = limiter(group).take(clientAddress(req))
  if (!result.ok) {
    throw new HttpError(429, 'Too many requests. Please wait a moment and try again.', {}, { 'retry-after': String(result.retryAfterSeconds) })
  }
}

/** Takes one unit of the group's budget for `key` (not a client): false when it is used up. */
export function takeBudget(group: Group, key: string) {
  return limiter(group).take(key).ok
}

import type { NextRequest } from 'next/server'
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { database } from '../db/client'
import { config } from '../env'
import { clientAddress } from './client'
import { HttpError } from './errors'

const MINUTE_S = 60

/**
 * Budgets per client (the address `clientAddress` picks under TRUSTED_PROXY_HOPS, never an entry
 * the client wrote) or, for `orderEmail`, per order. The counters are rows in PostgreSQL
 * (rate-limiter-flexible's store), so every instance spends from the same budget.
 */
function budgets() {
  const { rateLimits } = config()
  return {
    cart: { points: rateLimits.cart, duration: MINUTE_S },
    checkout: { points: rateLimits.checkout, duration: MINUTE_S },
    lookup: { points: rateLimits.lookup, duration: MINUTE_S },
    studioSignIn: { points: rateLimits.studioSignIn, duration: MINUTE_S },
    studio: { points: rateLimits.studio, duration: MINUTE_S },
    /** The checkout success page, which may ask Stripe about the session it names. */
    successPage: { points: rateLimits.successPage, duration: MINUTE_S },
    /** Emails "Find my order" may send for one order, from any number of clients. */
    orderEmail: { points: 3, duration: 60 * MINUTE_S },
  } satisfies Record<string, { points: number; duration: number }>
}

type Group = keyof ReturnType<typeof budgets>

const limiters = new Map<Group, RateLimiterAbstract>()

/**
 * The library names its statements (prepared statements, which a transaction-mode pooler cannot
 * keep); this client passes only the text and values, and borrows a pooled connection per query.
 */
const unpreparedClient = () => {
  const { pool } = database()
  return { query: ({ text, values }: { text: string; values?: unknown[] }) => pool.query(text, values) }
}

function limiter(group: Group) {
  let found = limiters.get(group)
  if (!found) {
    const budget = budgets()[group]
    found = new RateLimiterPostgres({
      ...budget,
      storeClient: unpreparedClient(),
      storeType: 'pool',
      tableName: 'rate_limits', // created by lib/db/migrations
      tableCreated: true,
      clearExpiredByTimeout: false, // a timer per process; lib/jobs sweeps expired rows instead
      keyPrefix: group,
      // If PostgreSQL cannot answer, each instance limits on its own rather than letting everyone through or no one.
      insuranceLimiter: new RateLimiterMemory({ ...budget, keyPrefix: group }),
    })
    limiters.set(group, found)
  }
  return found
}

/** Takes one unit of the group's budget for `key`: the seconds to wait when it is used up, else null. */
async function take(group: Group, key: string): Promise<number | null> {
  try {
    await limiter(group).consume(key)
    return null
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))
    throw refusal
  }
}

/** Throws 429 with Retry-After when this client has used up its budget for the group. */
export async function enforceRateLimit(req: NextRequest, group: Group) {
  const retryAfter = await take(group, clientAddress(req))
  if (retryAfter !== null) {
    throw new HttpError(429, 'Too many requests. Please wait a moment and try again.', {}, { 'retry-after': String(retryAfter) })
  }
}

/** Takes one unit of the group's budget for `key` (not a client): false when it is used up. */
export async function takeBudget(group: Group, key: string) {
  return (await take(group, key)) === null
}

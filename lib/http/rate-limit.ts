import 'server-only'
import type { NextRequest } from 'next/server'
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible'
import { database } from '../db/client'
import { config } from '../env'
import { clientKey } from './client'
import { HttpError } from './errors'

const MINUTE_S = 60

/**
 * Budgets per client (`clientKey`: the address picked under TRUSTED_PROXY_HOPS, never an entry the
 * client wrote, and an IPv6 client by its /64) or, for `orderEmail`, per order. The counters are rows in PostgreSQL
 * (rate-limiter-flexible's store), so every instance spends from the same budget.
 */
function budgets() {
  const { rateLimits } = config()
  return {
    cart: { points: rateLimits.cart, duration: MINUTE_S },
    checkout: { points: rateLimits.checkout, duration: MINUTE_S },
    lookup: { points: rateLimits.lookup, duration: MINUTE_S },
    studioSignIn: { points: rateLimits.studioSignIn, duration: MINUTE_S },
    /** A client's wrong Studio passwords in the last hour: each one past the free tries doubles its wait (studioSignInWait). */
    studioSignInFailures: { points: 1_000_000, duration: 60 * MINUTE_S },
    studioSignInWait: { points: 1, duration: 60 * MINUTE_S },
    /** Wrong Studio passwords from every client together: a spray from many addresses pauses sign-in for all. */
    studioSignInFailuresAll: { points: 100, duration: 60 * MINUTE_S },
    draftMode: { points: rateLimits.draftMode, duration: MINUTE_S },
    studio: { points: rateLimits.studio, duration: MINUTE_S },
    /** The checkout success page, which may ask Stripe about the session it names. */
    successPage: { points: rateLimits.successPage, duration: MINUTE_S },
    /** Account sign-in steps (codes asked for and tried), per client. */
    signIn: { points: rateLimits.signIn, duration: MINUTE_S },
    /** Sign-in codes sent to one email address, from any number of clients. */
    codesPerEmail: { points: rateLimits.codesPerEmail, duration: 60 * MINUTE_S },
    /** The account page's own routes. */
    account: { points: rateLimits.account, duration: MINUTE_S },
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
  return {
    query: ({ text, values }: { text: string; values?: unknown[] }) => pool.query(text, values),
  }
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
    if (refusal instanceof RateLimiterRes)
      return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))
    throw refusal
  }
}

const tooMany = (
  retryAfter: number,
  message = 'Too many requests. Please wait a moment and try again.',
) => new HttpError(429, message, {}, { 'retry-after': String(retryAfter) })

/** Throws 429 with Retry-After when this client has used up its budget for the group. */
export async function enforceRateLimit(req: NextRequest, group: Group) {
  const retryAfter = await take(group, clientKey(req))
  if (retryAfter !== null) throw tooMany(retryAfter)
}

/** Seconds until `key` may spend from the group again (0: now), without spending. */
async function wait(group: Group, key: string) {
  const state = await limiter(group).get(key)
  return state && state.consumedPoints >= budgets()[group].points
    ? Math.max(1, Math.ceil(state.msBeforeNext / 1000))
    : 0
}

/** Wrong passwords a client may type before it has to wait, and the longest wait. */
const FREE_SIGN_IN_FAILURES = 3
const MAX_SIGN_IN_WAIT_S = 15 * 60

/**
 * Throws 429 while Studio sign-in is paused: for this client after its wrong passwords (a wait
 * that doubles with each one past the free tries), or for everyone after too many from all clients.
 */
export async function refuseWhileSignInPaused(req: NextRequest) {
  const everyone = await wait('studioSignInFailuresAll', 'all')
  if (everyone)
    throw tooMany(
      everyone,
      'Sign-in is paused after too many wrong passwords. Please try again later.',
    )
  const mine = await wait('studioSignInWait', clientKey(req))
  if (mine) throw tooMany(mine, 'Too many wrong passwords. Please wait before you try again.')
}

/** Counts a wrong Studio password against this client and against everyone. */
export async function recordFailedSignIn(req: NextRequest) {
  const key = clientKey(req)
  await take('studioSignInFailuresAll', 'all')
  await take('studioSignInFailures', key)
  const failures = (await limiter('studioSignInFailures').get(key))?.consumedPoints ?? 0
  if (failures > FREE_SIGN_IN_FAILURES) {
    await limiter('studioSignInWait').block(
      key,
      Math.min(MAX_SIGN_IN_WAIT_S, 2 ** (failures - FREE_SIGN_IN_FAILURES)),
    )
  }
}

/** Takes one unit of the group's budget for `key` (not a client): false when it is used up. */
export async function takeBudget(group: Group, key: string) {
  return (await take(group, key)) === null
}

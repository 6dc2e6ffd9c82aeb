import 'server-only'
import { getSessionCookie } from 'better-auth/cookies'
import { headers } from 'next/headers'
import { auth, COOKIE_PREFIX } from './auth'

export type Account = { id: string; email: string }

/**
 * The signed-in account for these request headers, or null. Without a session cookie it answers
 * at once (no database query), so an anonymous visitor costs nothing; a forged, expired or
 * signed-out cookie reads as null.
 */
export async function accountFromHeaders(requestHeaders: Headers): Promise<Account | null> {
  if (!getSessionCookie(requestHeaders, { cookiePrefix: COOKIE_PREFIX })) return null
  const session = await auth().api.getSession({ headers: requestHeaders })
  return session ? { id: session.user.id, email: session.user.email } : null
}

/** The signed-in account of the request being handled (a route handler or a per-request page). */
export async function currentAccount(): Promise<Account | null> {
  return accountFromHeaders(new Headers(await headers()))
}

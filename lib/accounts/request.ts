import 'server-only'
import type { NextRequest } from 'next/server'
import { isSameOrigin } from '../http/client'
import { HttpError } from '../http/errors'
import { enforceRateLimit } from '../http/rate-limit'
import { accountFromHeaders, type Account } from './current'

/**
 * The signed-in account an account route acts for: within the client's budget, from this site's
 * own pages when it changes something, and signed in (401 otherwise).
 */
export async function requireAccount(req: NextRequest): Promise<Account> {
  await enforceRateLimit(req, 'account')
  if (req.method !== 'GET' && !isSameOrigin(req))
    throw new HttpError(403, 'Send this from the store’s own pages')
  const account = await accountFromHeaders(req.headers)
  if (!account) throw new HttpError(401, 'Sign in first')
  return account
}

import 'server-only'
import type { NextRequest } from 'next/server'
import { z } from 'zod'
import { LIMITS } from '../http/body'
import { HttpError } from '../http/errors'
import { enforceRateLimit, takeBudget } from '../http/rate-limit'

/**
 * What the store lets through to Better Auth, and its limits, counted in PostgreSQL so they hold
 * on every instance: requests per client on every sign-in step, and codes per email address per
 * hour whoever asks. Tries per code are Better Auth's (CODE_TRIES, in the code's row).
 */
const ENDPOINTS: Record<
  string,
  { method: 'GET' | 'POST'; sendsCode?: boolean; limited?: boolean }
> = {
  '/get-session': { method: 'GET' },
  '/list-sessions': { method: 'GET' },
  '/sign-out': { method: 'POST' },
  '/revoke-session': { method: 'POST' },
  '/revoke-sessions': { method: 'POST' },
  '/revoke-other-sessions': { method: 'POST' },
  '/email-otp/send-verification-otp': { method: 'POST', sendsCode: true, limited: true },
  '/sign-in/email-otp': { method: 'POST', limited: true },
  '/email-otp/request-email-change': { method: 'POST', sendsCode: true, limited: true },
  '/email-otp/change-email': { method: 'POST', limited: true },
}

const emailBody = z.object({ email: z.email().max(254) })
const newEmailBody = z.object({ newEmail: z.email().max(254) })

/** Throws the answer (404, 405, 413, 400 or 429) for a request that must not reach Better Auth. */
export async function admitAuthRequest(req: NextRequest, path: string) {
  const endpoint = ENDPOINTS[path]
  if (!endpoint) throw new HttpError(404, 'Not found')
  if (req.method !== endpoint.method) throw new HttpError(405, 'Method not allowed')
  if (Number(req.headers.get('content-length') ?? 0) > LIMITS.json)
    throw new HttpError(413, `Request body must be at most ${LIMITS.json} bytes`)
  if (endpoint.limited) await enforceRateLimit(req, 'signIn')
  if (!endpoint.sendsCode) return
  const body = await req
    .clone()
    .json()
    .catch(() => null)
  const parsed = (path === '/email-otp/request-email-change' ? newEmailBody : emailBody).safeParse(
    body,
  )
  if (!parsed.success) throw new HttpError(400, 'Enter a valid email address.')
  const email = 'newEmail' in parsed.data ? parsed.data.newEmail : parsed.data.email
  // The same for every address, with an account or without, so the answer tells nothing about who shops here.
  if (!(await takeBudget('codesPerEmail', email.toLowerCase())))
    throw new HttpError(
      429,
      'Too many codes were sent to this address. Please wait before asking again.',
      {},
      { 'retry-after': '3600' },
    )
}

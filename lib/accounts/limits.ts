import 'server-only'
import type { NextRequest } from 'next/server'
import { z } from 'zod'
import { LIMITS, readText } from '../http/body'
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

/**
 * The request Better Auth may see, its body read under the JSON limit (a body sent without a
 * Content-Length is counted as it streams); throws the answer (404, 405, 413, 400 or 429) for one
 * that must not reach it.
 */
export async function admitAuthRequest(req: NextRequest, path: string): Promise<Request> {
  const endpoint = ENDPOINTS[path]
  if (!endpoint) throw new HttpError(404, 'Not found')
  if (req.method !== endpoint.method) throw new HttpError(405, 'Method not allowed')
  if (endpoint.method === 'GET') return req
  const text = await readText(req, LIMITS.json)
  if (endpoint.limited) await enforceRateLimit(req, 'signIn')
  if (endpoint.sendsCode) await spendCodeBudget(path, text)
  const headers = new Headers(req.headers)
  headers.delete('content-length')
  headers.delete('transfer-encoding')
  return new Request(req.url, { method: req.method, headers, body: text })
}

/** Counts a code against its address's hourly budget, the same for every address, known or not. */
async function spendCodeBudget(path: string, text: string) {
  const parsed = (path === '/email-otp/request-email-change' ? newEmailBody : emailBody).safeParse(
    parseOrNull(text),
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

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

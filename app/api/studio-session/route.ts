import { NextResponse, type NextRequest } from 'next/server'
import { z } from 'zod'
import { config } from '@/lib/env'
import { readJson } from '@/lib/http/body'
import { isLoopbackClient, isSiteHost } from '@/lib/http/client'
import { HttpError, methodNotAllowed, route } from '@/lib/http/errors'
import {
  enforceRateLimit,
  recordFailedSignIn,
  refuseWhileSignInPaused,
} from '@/lib/http/rate-limit'
import {
  checkStudioKey,
  checkStudioPassword,
  newStudioSession,
  STUDIO_SESSION_COOKIE,
  studioSessionCookieOptions,
} from '@/lib/studio/access'

export const dynamic = 'force-dynamic'

const signIn = z.object({ password: z.string().min(1).max(200) })

/** Only where there is something to sign in to: a local lake with LOCAL_STUDIO_PASSWORD set. */
function requireLocalPassword(req: NextRequest) {
  const { sanity, localStudioPassword } = config()
  if (sanity.mode !== 'local' || !localStudioPassword) throw new HttpError(404, 'Not found')
  if (!isSiteHost(req)) throw new HttpError(421, 'This request was not addressed to this site')
}

/** The local Studio's sign-in: `{ password }` → a signed, HttpOnly, SameSite=Strict session cookie. */
export const POST = route(async (req: NextRequest) => {
  requireLocalPassword(req)
  await enforceRateLimit(req, 'studioSignIn')
  await refuseWhileSignInPaused(req)
  const { password } = await readJson(req, signIn)
  if (!checkStudioPassword(password)) {
    await recordFailedSignIn(req)
    throw new HttpError(401, 'That password is not right')
  }
  const session = newStudioSession()
  const res = NextResponse.json({ ok: true }, { headers: { 'cache-control': 'no-store' } })
  res.cookies.set(STUDIO_SESSION_COOKIE, session.value, studioSessionCookieOptions(session.maxAge))
  return res
})

const link = z.object({ key: z.string().min(1).max(200) })

/**
 * The Studio link `npm run dev` prints (`?key=`, LOCAL_STUDIO_KEY): opens the local Studio for
 * the browser on this machine that follows it, as a session cookie, then goes to the Studio.
 * Guessing keys costs the same budget and waits as guessing passwords.
 */
export const GET = route(async (req: NextRequest) => {
  const { sanity, localStudioPassword } = config()
  if (sanity.mode !== 'local' || localStudioPassword) throw new HttpError(404, 'Not found')
  if (!isSiteHost(req)) throw new HttpError(421, 'This request was not addressed to this site')
  if (!isLoopbackClient(req))
    throw new HttpError(
      403,
      'The Studio link works only in a browser on the machine the store runs on',
    )
  await enforceRateLimit(req, 'studioSignIn')
  await refuseWhileSignInPaused(req)
  const parsed = link.safeParse({ key: req.nextUrl.searchParams.get('key') })
  if (!parsed.success) throw new HttpError(400, 'The Studio link has no key')
  if (!checkStudioKey(parsed.data.key)) {
    await recordFailedSignIn(req)
    throw new HttpError(
      401,
      'That Studio link is not this store’s. Open the one `npm run dev` printed.',
    )
  }
  const session = newStudioSession()
  const res = NextResponse.redirect(new URL('/studio', req.nextUrl.origin), {
    status: 303,
    headers: { 'cache-control': 'no-store' },
  })
  res.cookies.set(STUDIO_SESSION_COOKIE, session.value, studioSessionCookieOptions(session.maxAge))
  return res
})

/** Signs out. */
export const DELETE = route(async (req: NextRequest) => {
  requireLocalPassword(req)
  const res = NextResponse.json({ ok: true }, { headers: { 'cache-control': 'no-store' } })
  res.cookies.set(STUDIO_SESSION_COOKIE, '', studioSessionCookieOptions(0))
  return res
})

export { methodNotAllowed as PUT, methodNotAllowed as PATCH }

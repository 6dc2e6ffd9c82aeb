import { NextResponse, type NextRequest } from 'next/server'
import { auth, AUTH_BASE_PATH, CODE_MINUTES } from '@/lib/accounts/auth'
import { admitAuthRequest } from '@/lib/accounts/limits'
import { route } from '@/lib/http/errors'

export const dynamic = 'force-dynamic'

const WRONG_CODE =
  'That code is not right, or it has expired or been used. Check it, or ask for a new code.'

/**
 * Better Auth's answers in the store's shape (`{ error }`): any refused code gets one message, so
 * it tells nothing about the account; a code tried too often is a 429 with Retry-After.
 */
async function storeShaped(path: string, answer: Response) {
  if (answer.ok) return path === '/sign-in/email-otp' ? withoutToken(answer) : answer
  const body = (await answer
    .clone()
    .json()
    .catch(() => null)) as { code?: string; message?: string } | null
  const headers = new Headers(answer.headers)
  headers.delete('content-length')
  headers.set('content-type', 'application/json')
  if (body?.code === 'TOO_MANY_ATTEMPTS') {
    headers.set('retry-after', String(CODE_MINUTES * 60))
    return NextResponse.json(
      { error: 'Too many wrong tries: this code no longer works. Ask for a new code.' },
      { status: 429, headers },
    )
  }
  // A step that needs a session (changing the email, signing out others) whose session ended
  // meanwhile: that, not a wrong code.
  if (answer.status === 401)
    return NextResponse.json(
      { error: 'You are signed out. Sign in again.' },
      { status: 401, headers },
    )
  const codeStep = path === '/sign-in/email-otp' || path === '/email-otp/change-email'
  const error =
    codeStep && answer.status < 500 ? WRONG_CODE : (body?.message ?? 'The request was refused.')
  return NextResponse.json(
    { error },
    { status: codeStep && answer.status < 500 ? 400 : answer.status, headers },
  )
}

/** A sign-in's answer carries the session token; the HttpOnly cookie is where it belongs, so the page's script never sees it. */
function withoutToken(answer: Response) {
  const headers = new Headers(answer.headers)
  headers.delete('content-length')
  return NextResponse.json({ signedIn: true }, { status: answer.status, headers })
}

const handle = route(async (req: NextRequest) => {
  const path = req.nextUrl.pathname.slice(AUTH_BASE_PATH.length)
  return storeShaped(path, await auth().handler(await admitAuthRequest(req, path)))
})

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE }

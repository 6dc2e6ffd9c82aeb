import { createHmac } from 'node:crypto'
import { config } from '../env'
import { isLoopbackClient, type Incoming } from '../http/client'
import { sameSecret } from '../secrets'

/**
 * Who may use the local Studio and its lake proxy (local mode only: they carry the lake's write
 * token). With no LOCAL_STUDIO_PASSWORD, only a browser on this machine; with one, an editor
 * who signed in, wherever they are. Real mode has neither: the Studio talks to Sanity, which
 * does its own sign-in.
 */
export const STUDIO_SESSION_COOKIE = 'rw_studio'
const SESSION_SECONDS = 12 * 60 * 60

export type StudioAccess = 'allowed' | 'sign-in' | 'denied'

export function studioAccess(req: Incoming, sessionCookie: string | undefined): StudioAccess {
  const password = config().localStudioPassword
  if (password) return isValidSession(sessionCookie, password) ? 'allowed' : 'sign-in'
  return isLoopbackClient(req) ? 'allowed' : 'denied'
}

export function checkStudioPassword(candidate: string) {
  const password = config().localStudioPassword
  return Boolean(password) && sameSecret(candidate, password!)
}

/** `<expiry>.<hmac>`: the key mixes in the password, so changing it signs every editor out. */
export function newStudioSession(now = Date.now()) {
  const expires = Math.floor(now / 1000) + SESSION_SECONDS
  return { value: `${expires}.${sign(expires, config().localStudioPassword!)}`, maxAge: SESSION_SECONDS }
}

function isValidSession(cookie: string | undefined, password: string, now = Date.now()) {
  const [expires, signature] = (cookie ?? '').split('.')
  if (!/^\d{10}$/.test(expires ?? '') || Number(expires) * 1000 < now) return false
  return sameSecret(signature, sign(Number(expires), password))
}

function sign(expires: number, password: string) {
  return createHmac('sha256', config().cartSecret).update(`studio:${password}:${expires}`).digest('base64url')
}

export function studioSessionCookieOptions(maxAge: number) {
  return { httpOnly: true, sameSite: 'strict' as const, secure: config().production, path: '/', maxAge }
}

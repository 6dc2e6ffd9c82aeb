import 'server-only'
import { createHmac } from 'node:crypto'
import { config } from '../env'
import { isLoopbackClient, type Incoming } from '../http/client'
import { sameSecret } from '../secrets'

/**
 * Who may use the local Studio and its lake proxy (local mode only: they carry the lake's write
 * token). With LOCAL_STUDIO_PASSWORD, an editor who signed in with it, wherever they are. Without
 * one, a browser on this machine that opened the Studio link `npm run dev` prints (its key is
 * LOCAL_STUDIO_KEY, in `.data/local.env`): loopback alone would admit every account on a shared
 * machine. Real mode has neither: the Studio talks to Sanity, which does its own sign-in.
 */
export const STUDIO_SESSION_COOKIE = 'rw_studio'
const SESSION_SECONDS = 12 * 60 * 60

/** `sign-in`: the password form; `link`: open the printed Studio link; `denied`: not from here. */
export type StudioAccess = 'allowed' | 'sign-in' | 'link' | 'denied'

export function studioAccess(req: Incoming, sessionCookie: string | undefined): StudioAccess {
  const { localStudioPassword: password, localStudioKey: key } = config()
  if (password) return isValidSession(sessionCookie, password) ? 'allowed' : 'sign-in'
  if (!isLoopbackClient(req)) return 'denied'
  return key && isValidSession(sessionCookie, key) ? 'allowed' : 'link'
}

/** The key of the printed Studio link, when that is how this Studio opens. */
export function checkStudioKey(candidate: string) {
  const { localStudioPassword, localStudioKey } = config()
  return !localStudioPassword && Boolean(localStudioKey) && sameSecret(candidate, localStudioKey!)
}

/** The path that opens the local Studio in the browser that follows it (`npm run dev` prints it). */
export function studioLinkPath() {
  const key = config().localStudioKey
  return key ? `/api/studio-session?key=${encodeURIComponent(key)}` : null
}

export function checkStudioPassword(candidate: string) {
  const password = config().localStudioPassword
  return Boolean(password) && sameSecret(candidate, password!)
}

/** `<expiry>.<hmac>`: the key mixes in the password (or the link's key), so changing it signs every editor out. */
export function newStudioSession(now = Date.now()) {
  const { localStudioPassword, localStudioKey } = config()
  const expires = Math.floor(now / 1000) + SESSION_SECONDS
  return {
    value: `${expires}.${sign(expires, (localStudioPassword ?? localStudioKey)!)}`,
    maxAge: SESSION_SECONDS,
  }
}

function isValidSession(cookie: string | undefined, password: string, now = Date.now()) {
  const [expires, signature] = (cookie ?? '').split('.')
  if (!/^\d{10}$/.test(expires ?? '') || Number(expires) * 1000 < now) return false
  return sameSecret(signature, sign(Number(expires), password))
}

function sign(expires: number, password: string) {
  return createHmac('sha256', config().cartSecret)
    .update(`studio:${password}:${expires}`)
    .digest('base64url')
}

export function studioSessionCookieOptions(maxAge: number) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config().production,
    path: '/',
    maxAge,
  }
}

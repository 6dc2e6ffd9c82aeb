import 'server-only'
import { config } from '../env'
import { isSameOrigin, isSiteHost, type Incoming } from '../http/client'
import { studioAccess } from './access'

/** Where the embedded Studio reaches the local lake: same origin, so no CORS and no token in the browser. */
export const STUDIO_PROXY_PATH = '/api/studio-lake'

/** A Studio request as both the HTTP proxy (lib/studio/proxy.ts) and the presence socket (lib/studio/socket.ts) see it. */
type StudioRequest = Incoming & { nextUrl: { origin: string } }

type StudioAdmission =
  | { lake: { apiHost: string; writeToken: string } }
  | { refusal: { status: number; message: string } }

/**
 * The gates every Studio request to the lake passes, HTTP or WebSocket: local mode only, this
 * site's own host, a loopback client or a signed-in editor, a path the Studio uses (`paths`),
 * and this site's own pages. The local lake to forward to, or the refusal. (No Next import:
 * scripts/serve.ts loads this before Next.)
 */
export function admitStudioRequest(
  req: StudioRequest,
  sessionCookie: string | undefined,
  path: string,
  paths: readonly RegExp[],
): StudioAdmission {
  const { sanity } = config()
  const refuse = (status: number, message: string) => ({ refusal: { status, message } })
  if (sanity.mode !== 'local' || !sanity.apiHost) return refuse(404, 'Not found')
  if (!isSiteHost(req)) return refuse(421, 'This request was not addressed to this site')
  if (studioAccess(req, sessionCookie) !== 'allowed')
    return refuse(401, 'Sign in to the Studio first')
  if (!paths.some((allowed) => allowed.test(path))) return refuse(404, 'Not a Studio path')
  if (!isSameOrigin(req)) return refuse(403, 'Cross-site requests are not allowed')
  return { lake: { apiHost: sanity.apiHost, writeToken: sanity.writeToken } }
}

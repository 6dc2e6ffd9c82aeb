import 'server-only'
import { STATUS_CODES, request, type IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { config } from '../env'
import { STUDIO_SESSION_COOKIE } from './access'
import { STUDIO_PROXY_PATH, admitStudioRequest } from './gate'

/** The Studio's presence socket (bifur), the one WebSocket it opens to the lake. */
const SOCKET_PATHS = [/^v[^/]+\/socket\/[^/]+$/]

/** The WebSocket handshake headers the lake needs; everything else (cookies, origin) stays here. */
const HANDSHAKE = [
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
]

/** Whether an upgrade is for the Studio's lake proxy (scripts/serve.ts hands those here, the rest to Next). */
export function isStudioSocket(req: IncomingMessage) {
  return (req.url ?? '').startsWith(`${STUDIO_PROXY_PATH}/`)
}

/**
 * Carries the Studio's presence WebSocket to the local lake, with the write token added, after
 * the same gates as the HTTP proxy (lib/studio/gate.ts). Browsers send `Origin` and
 * `Sec-Fetch-Site` on a WebSocket handshake too, so a page on another site cannot open it with
 * the editor's cookie. `req` must carry X-Forwarded-For as scripts/serve.ts sets it.
 */
export function proxyStudioSocket(req: IncomingMessage, socket: Duplex, head: Buffer) {
  socket.on('error', () => socket.destroy())
  const url = new URL(req.url ?? '/', 'http://site.local')
  const admission = admitStudioRequest(
    studioRequest(req),
    cookie(req, STUDIO_SESSION_COOKIE),
    url.pathname.slice(STUDIO_PROXY_PATH.length + 1),
    SOCKET_PATHS,
  )
  if ('refusal' in admission)
    return refuse(socket, admission.refusal.status, admission.refusal.message)
  const { lake } = admission

  const headers: Record<string, string> = {
    connection: 'Upgrade',
    upgrade: 'websocket',
    authorization: `Bearer ${lake.writeToken}`,
  }
  for (const name of HANDSHAKE) {
    const value = req.headers[name]
    if (typeof value === 'string') headers[name] = value
  }
  const target = new URL(
    `${lake.apiHost}${url.pathname.slice(STUDIO_PROXY_PATH.length)}${url.search}`,
  )
  const upstream = request(target, { headers })
  upstream.on('upgrade', (answer, lakeSocket, lakeHead) => {
    lakeSocket.on('error', () => socket.destroy())
    socket.on('close', () => lakeSocket.destroy())
    lakeSocket.on('close', () => socket.destroy())
    const lines = [`HTTP/1.1 101 Switching Protocols`]
    for (let i = 0; i < answer.rawHeaders.length; i += 2)
      lines.push(`${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}`)
    socket.write(`${lines.join('\r\n')}\r\n\r\n`)
    if (lakeHead.length > 0) socket.write(lakeHead)
    if (head.length > 0) lakeSocket.write(head)
    lakeSocket.pipe(socket).pipe(lakeSocket)
  })
  // The lake refused the upgrade (its own gates): pass its status on, not its body.
  upstream.on('response', (answer) => {
    answer.resume()
    refuse(socket, answer.statusCode ?? 502, 'The content lake refused the connection')
  })
  upstream.on('error', () => refuse(socket, 502, 'The content lake is not reachable'))
  socket.on('close', () => upstream.destroy())
  upstream.end()
}

/** The handshake as the Studio gates read a request (they were written for Next's). */
function studioRequest(req: IncomingMessage) {
  const site = new URL(config().siteUrl)
  return {
    headers: {
      get(name: string) {
        const value = req.headers[name.toLowerCase()]
        return Array.isArray(value) ? value.join(', ') : (value ?? null)
      },
    },
    nextUrl: { origin: `${site.protocol}//${req.headers.host ?? site.host}` },
  }
}

function cookie(req: IncomingMessage, name: string) {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=')
    if (key === name) return value.join('=')
  }
  return undefined
}

/** A refused handshake answers like the HTTP proxy: a status and JSON `{ error }`. */
function refuse(socket: Duplex, status: number, message: string) {
  if (socket.destroyed) return
  const body = JSON.stringify({ error: message })
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  )
}

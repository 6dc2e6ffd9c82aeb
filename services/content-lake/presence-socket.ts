import { STATUS_CODES, type IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { accessOf, type Lake } from './context'
import { LakeError, notFound, unauthorized } from './errors'
import { isAllowedHost } from './http'
import { HEARTBEAT, PresenceRoom } from './presence'
import { VERSIONED, pathSegments } from './router'
import { LOCAL_EDITOR } from './routes/studio'

const HEARTBEAT_MS = 20_000
/** Presence messages are a session id and a few document paths; anything larger is not one. */
const MAX_MESSAGE_BYTES = 64 * 1024

/**
 * `GET /v<version>/socket/:dataset` upgraded to a WebSocket: the Studio's presence (see
 * presence.ts). The same gates as every request: a loopback Host, an Origin on the CORS list (or
 * none, as from the store's proxy), and the write token, because presence is for editors.
 */
export function presenceSockets(lake: Lake) {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  const rooms = new Map<string, PresenceRoom>()
  const heartbeat = setInterval(() => {
    for (const socket of sockets.clients) socket.send(HEARTBEAT)
  }, HEARTBEAT_MS).unref()

  function admit(req: IncomingMessage) {
    if (!isAllowedHost(req.headers.host, lake.config.publicUrl))
      throw new LakeError(421, 'misdirectedRequest', 'This lake answers only to loopback names')
    const versioned = VERSIONED.exec(new URL(req.url ?? '/', 'http://lake.local').pathname)
    const [socket, dataset, ...rest] = pathSegments(versioned?.[2] ?? '')
    if (socket !== 'socket' || !dataset || rest.length > 0) throw notFound('No WebSocket here')
    lake.dataset(dataset)
    if (lake.cors.entryFor(req) === null)
      throw new LakeError(403, 'corsOriginError', `CORS origin not allowed: ${req.headers.origin}`)
    if (accessOf(req, lake.config) !== 'write')
      throw unauthorized('Presence is for editors: it needs the write token')
    return dataset
  }

  return {
    /** The lake server's `upgrade` event. */
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      let dataset: string
      try {
        dataset = admit(req)
      } catch (error) {
        return refuse(
          socket,
          error instanceof LakeError
            ? error
            : new LakeError(500, 'internalError', 'Internal error'),
        )
      }
      sockets.handleUpgrade(req, socket, head, (ws) => {
        let room = rooms.get(dataset)
        if (!room) rooms.set(dataset, (room = new PresenceRoom()))
        const member = room.join(ws, LOCAL_EDITOR.id)
        ws.on('message', (data, isBinary) => {
          if (!isBinary) member.receive(data.toString())
        })
        ws.on('close', () => member.leave())
      })
    },
    close() {
      clearInterval(heartbeat)
      for (const socket of sockets.clients) socket.terminate()
      sockets.close()
    },
  }
}

/** An upgrade refused as an HTTP answer, in the lake's error shape. */
function refuse(socket: Duplex, error: LakeError) {
  const body = JSON.stringify(error.toBody())
  socket.on('error', () => socket.destroy())
  socket.end(
    `HTTP/1.1 ${error.statusCode} ${STATUS_CODES[error.statusCode]}\r\n` +
      `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  )
}

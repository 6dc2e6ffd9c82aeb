import { z } from 'zod'

/**
 * Sanity's presence protocol (bifur: JSON-RPC 2.0 over a WebSocket), as `@sanity/bifur-client`
 * and the Studio's presence store speak it. A Studio tab subscribes (`presence_subscribe`), asks
 * who is there (`presence_rollcall`), says where it is (`presence_announce`: the documents and
 * fields it has open) and says goodbye (`presence_disconnect`). The room relays each of these to
 * every subscribed tab on the same dataset, the sender included, as Sanity does: the Studio leaves
 * out its own session itself. A tab that goes away without saying goodbye is said goodbye for.
 */

/** One connected tab: where its frames go. */
type PresencePeer = { send(text: string): void }

/** What a tab hears: `i` is the user, as in Sanity's presence events. */
type PresenceEvent =
  | { type: 'rollCall'; i: string; session: string }
  | { type: 'state'; i: string; m: { sessionId: string; locations: unknown[] } }
  | { type: 'disconnect'; i: string; m: { session: string } }

/** The text frame Sanity's socket sends to keep the connection alive; the client counts it as a heartbeat. */
export const HEARTBEAT = '♥'

const ERROR = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
} as const

const REQUEST = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.string().max(100), z.number()]),
  method: z.string().max(100),
  params: z.record(z.string(), z.unknown()).default({}),
})
const SESSION = z.string().min(1).max(100)
const PARAMS = {
  presence_rollcall: z.object({ session: SESSION }),
  presence_announce: z.object({
    data: z.object({
      sessionId: SESSION,
      locations: z.array(z.record(z.string(), z.unknown())).max(100),
    }),
  }),
  presence_disconnect: z.object({ session: SESSION }),
  presence_unsubscribe: z.object({ subscriptionId: z.string().max(100) }),
}

type Member = { userId: string; subscriptions: Set<string>; sessions: Set<string> }
type RpcError = { code: number; message: string }
/** The reply to one request, and the event it makes every tab hear, if any. */
type Answer = { result: unknown; event?: PresenceEvent } | { error: RpcError }

/** The tabs connected to one dataset's presence socket. */
export class PresenceRoom {
  private readonly members = new Map<PresencePeer, Member>()
  private counter = 0

  get size() {
    return this.members.size
  }

  /** A tab connected as `userId`: feed it the tab's text frames, and `leave` when its socket closes. */
  join(peer: PresencePeer, userId: string) {
    const member: Member = { userId, subscriptions: new Set(), sessions: new Set() }
    this.members.set(peer, member)
    return {
      receive: (text: string) => this.receive(peer, member, text),
      leave: () => {
        this.members.delete(peer)
        for (const session of member.sessions)
          this.broadcast({ type: 'disconnect', i: userId, m: { session } })
      },
    }
  }

  private receive(peer: PresencePeer, member: Member, text: string) {
    let message: unknown
    try {
      message = JSON.parse(text)
    } catch {
      return reply(peer, null, { error: { code: ERROR.parse, message: 'Not JSON' } })
    }
    const request = REQUEST.safeParse(message)
    if (!request.success)
      return reply(peer, null, {
        error: { code: ERROR.invalidRequest, message: 'Not a JSON-RPC 2.0 request' },
      })
    const { id, method, params } = request.data
    const answer = this.answer(member, method, params)
    reply(peer, id, answer)
    if ('event' in answer && answer.event) this.broadcast(answer.event)
  }

  private answer(member: Member, method: string, params: Record<string, unknown>): Answer {
    const { userId: i } = member
    const invalid: Answer = {
      error: { code: ERROR.invalidParams, message: `Invalid params for ${method}` },
    }
    switch (method) {
      // The socket was opened with the project's token (the store's Studio proxy adds it), so the
      // connection already knows its editor; a token sent again changes nothing.
      case 'authorization':
        return { result: true }
      case 'presence_subscribe': {
        const subscription = `presence-${++this.counter}`
        member.subscriptions.add(subscription)
        return { result: subscription }
      }
      case 'presence_unsubscribe': {
        const parsed = PARAMS.presence_unsubscribe.safeParse(params)
        if (!parsed.success) return invalid
        return { result: member.subscriptions.delete(parsed.data.subscriptionId) }
      }
      case 'presence_rollcall': {
        const parsed = PARAMS.presence_rollcall.safeParse(params)
        if (!parsed.success) return invalid
        return { result: true, event: { type: 'rollCall', i, session: parsed.data.session } }
      }
      case 'presence_announce': {
        const parsed = PARAMS.presence_announce.safeParse(params)
        if (!parsed.success) return invalid
        const { sessionId, locations } = parsed.data.data
        member.sessions.add(sessionId)
        return { result: true, event: { type: 'state', i, m: { sessionId, locations } } }
      }
      case 'presence_disconnect': {
        const parsed = PARAMS.presence_disconnect.safeParse(params)
        if (!parsed.success) return invalid
        member.sessions.delete(parsed.data.session)
        return {
          result: true,
          event: { type: 'disconnect', i, m: { session: parsed.data.session } },
        }
      }
      default:
        return { error: { code: ERROR.methodNotFound, message: `Unknown method ${method}` } }
    }
  }

  private broadcast(event: PresenceEvent) {
    for (const [peer, { subscriptions }] of this.members)
      for (const subscription of subscriptions)
        peer.send(
          JSON.stringify({
            jsonrpc: '2.0',
            method: 'presence_subscription',
            params: { subscription, result: event },
          }),
        )
  }
}

function reply(peer: PresencePeer, id: string | number | null, answer: Answer) {
  const body = 'error' in answer ? { error: answer.error } : { result: answer.result }
  peer.send(JSON.stringify({ jsonrpc: '2.0', id, ...body }))
}

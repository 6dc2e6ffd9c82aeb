import type { ServerResponse } from 'node:http'
import { evaluate, parse, type ExprNode } from 'groq-js'
import type { CommittedTransaction, SanityDocument } from './store'

export type ListenOptions = {
  filter: ExprNode
  params: Record<string, unknown>
  includeResult: boolean
  includePreviousRevision: boolean
  includeMutations: boolean
  includeAllVersions: boolean
  /** Anonymous listeners never hear about drafts or release versions. */
  includeDrafts: boolean
  mendoza: boolean
}

/** Where a subscriber's events go: its own SSE response, or a shared (multiplexed) one. */
export type EventSink = (event: string, data: unknown, id?: string) => void

type Subscriber = ListenOptions & { write: EventSink }

const HEARTBEAT_MS = 15_000

/** Server-sent event streams for `/data/listen`, in the event format @sanity/client parses. */
export class ListenerHub {
  private readonly subscribers = new Set<Subscriber>()

  static parseFilter(query: string, params: Record<string, unknown>) {
    return parse(query, { params })
  }

  /** Serves one listener as its own server-sent event stream. */
  open(res: ServerResponse, options: ListenOptions) {
    startEventStream(res)
    const unsubscribe = this.subscribe(
      (event, data, id) => writeEvent(res, event, data, id),
      options,
    )
    res.on('close', unsubscribe)
  }

  /** Adds a listener; it hears `welcome` at once, then its mutations. Returns the unsubscribe. */
  subscribe(write: EventSink, options: ListenOptions) {
    const subscriber = { ...options, write }
    this.subscribers.add(subscriber)
    write('welcome', { listenerName: `local-${Math.random().toString(36).slice(2)}` })
    return () => {
      this.subscribers.delete(subscriber)
    }
  }

  get size() {
    return this.subscribers.size
  }

  /** Sends one `mutation` event per matching document, after the transaction is durable. */
  async publish(
    tx: CommittedTransaction,
    mutationsById: Map<string, Array<Record<string, unknown>>>,
  ) {
    if (this.subscribers.size === 0) return
    const total = tx.changes.length
    for (const [position, change] of tx.changes.entries()) {
      for (const sub of this.subscribers) {
        if (!sub.includeAllVersions && change.id.startsWith('versions.')) continue
        if (
          !sub.includeDrafts &&
          (change.id.startsWith('drafts.') || change.id.startsWith('versions.'))
        )
          continue
        const [was, is] = await Promise.all([
          matches(sub, change.before),
          matches(sub, change.after),
        ])
        if (!was && !is) continue
        const event: Record<string, unknown> = {
          eventId: `${tx.transactionId}#${change.id}`,
          documentId: change.id,
          transactionId: tx.transactionId,
          transition: !was ? 'appear' : !is ? 'disappear' : 'update',
          identity: 'local-editor',
          previousRev: change.before?._rev,
          resultRev: change.after?._rev ?? tx.transactionId,
          timestamp: tx.timestamp,
          visibility: 'transaction',
          transactionTotalEvents: total,
          transactionCurrentEvent: position + 1,
        }
        if (sub.includeMutations) event.mutations = mutationsById.get(change.id) ?? []
        if (sub.includeResult && change.after) event.result = change.after
        if (sub.includePreviousRevision && change.before) event.previous = change.before
        if (sub.mendoza) {
          // A mendoza patch of [0, value] replaces the whole document, which is always correct.
          event.effects = {
            apply: [0, withoutRev(change.after)],
            revert: [0, withoutRev(change.before)],
          }
        }
        sub.write('mutation', event, event.eventId as string)
      }
    }
  }

  closeAll() {
    this.subscribers.clear()
  }
}

async function matches(sub: Subscriber, doc: SanityDocument | null) {
  if (!doc) return false
  try {
    const value = await (await evaluate(sub.filter, { dataset: [doc], params: sub.params })).get()
    return Array.isArray(value) ? value.length > 0 : Boolean(value)
  } catch {
    return false
  }
}

function withoutRev(doc: SanityDocument | null) {
  if (!doc) return null
  const { _rev: _ignored, ...rest } = doc
  return rest
}

export function writeEvent(res: ServerResponse, event: string, data: unknown, id?: string) {
  res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
}

/** Starts a server-sent event stream with a heartbeat comment so proxies keep it open. */
export function startEventStream(res: ServerResponse) {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  })
  res.flushHeaders()
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS)
  res.on('close', () => clearInterval(heartbeat))
}

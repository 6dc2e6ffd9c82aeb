import type { ServerResponse } from 'node:http'
import { randomId } from './ids'
import { startEventStream, writeEvent } from './listeners'
import type { CommittedTransaction } from './store'
import { transactionTags, type SyncTag } from './sync-tags'

type LiveEvent = { seq: number; published: SyncTag[]; drafts: SyncTag[] }
type Subscriber = { includeDrafts: boolean; res: ServerResponse }

/** How many recent events a reconnecting client can resume from; older positions get `restart`. */
const RECENT_EVENTS = 1000

/** Published streams hear about published documents only: not drafts, release versions, nor private `orders.…` ids. */
const isPublishedId = (id: string) => !id.includes('.')

/**
 * The Live Content API's event stream (`/data/live/events/:dataset`), as `@sanity/client`'s
 * `live.events()` reads it: `welcome` on connect, then one `message` `{tags}` per committed
 * transaction that the stream can see, each with an `id`. The ids are positions in this
 * process's history (`<boot>-<n>`): a client reconnecting with `Last-Event-ID` gets what it
 * missed from a bounded ring of recent events, or `restart` (refetch everything) when the
 * position is unknown, too old, or from before the lake restarted.
 */
export class LiveEvents {
  private readonly boot = randomId(8)
  private seq = 0
  private readonly recent: LiveEvent[] = []
  private readonly subscribers = new Set<Subscriber>()

  constructor(private readonly capacity = RECENT_EVENTS) {}

  record(tx: CommittedTransaction) {
    const event: LiveEvent = {
      seq: ++this.seq,
      published: transactionTags(tx, isPublishedId),
      drafts: transactionTags(tx, () => true),
    }
    this.recent.push(event)
    if (this.recent.length > this.capacity) this.recent.shift()
    for (const sub of this.subscribers) this.send(sub, event)
  }

  open(
    res: ServerResponse,
    { includeDrafts, lastEventId }: { includeDrafts: boolean; lastEventId?: string },
  ) {
    startEventStream(res)
    const sub = { includeDrafts, res }
    const missed = lastEventId ? this.since(lastEventId) : []
    if (missed === null) writeEvent(res, 'restart', {}, this.position(this.seq))
    else {
      writeEvent(res, 'welcome', {}, lastEventId || this.position(this.seq))
      for (const event of missed) this.send(sub, event)
    }
    this.subscribers.add(sub)
    res.on('close', () => this.subscribers.delete(sub))
  }

  closeAll() {
    for (const sub of this.subscribers) sub.res.end()
    this.subscribers.clear()
  }

  /** The events after a position, or null when that position cannot be resumed from. */
  private since(id: string): LiveEvent[] | null {
    const match = /^([A-Za-z0-9]+)-(\d+)$/.exec(id)
    if (!match || match[1] !== this.boot) return null
    const seq = Number(match[2])
    const oldest = this.recent[0]?.seq ?? this.seq + 1
    if (seq > this.seq || seq < oldest - 1) return null
    return this.recent.filter((event) => event.seq > seq)
  }

  private send(sub: Subscriber, event: LiveEvent) {
    const tags = sub.includeDrafts ? event.drafts : event.published
    if (tags.length > 0) writeEvent(sub.res, 'message', { tags }, this.position(event.seq))
  }

  private position(seq: number) {
    return `${this.boot}-${seq}`
  }
}

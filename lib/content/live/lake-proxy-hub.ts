import 'server-only'
import { randomBytes } from 'node:crypto'
import type { LiveEvent } from '@sanity/client'
import type { Subscription } from 'rxjs'
import { config } from '../../env'
import { HttpError } from '../../http/errors'
import { readClient } from '../client'
import { SeenTags } from './server-seen-tags'

type Perspective = 'published' | 'drafts'

type Reader = {
  client: string
  send(chunk: string): void
  close(): void
}

const HISTORY = 500
const HEARTBEAT_MS = 20_000
/** How soon a browser reconnects when its stream ends (the lifetime, or an upstream loss). */
const RECONNECT_MS = 1_000
/** How long after an upstream failure the hub waits before it subscribes again. */
const RESUBSCRIBE_MS = 5_000

export const frame = (event: string, data: unknown, id?: string) =>
  `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`

class Channel {
  private boot = randomBytes(6).toString('base64url')
  private seq = 0
  private history: { seq: number; tags: string[] }[] = []
  private subscription: Subscription | undefined
  private retryAt = 0
  readonly readers = new Set<Reader>()

  constructor(
    private readonly perspective: Perspective,
    private readonly onMessage: (tags: string[]) => void,
  ) {}

  get subscribed() {
    return this.subscription !== undefined
  }

  subscribe() {
    // After a failure, pages rendering meanwhile do not each open a new connection.
    if (this.subscription || Date.now() < this.retryAt) return
    const events = readClient().live.events({
      includeDrafts: this.perspective === 'drafts',
      tag: 'restwell.live-hub',
    })
    this.subscription = events.subscribe({
      next: (event) => this.upstream(event),
      error: (error: Error) => {
        console.warn(`[live] the ${this.perspective} event stream failed: ${error.message}`)
        this.subscription = undefined
        this.retryAt = Date.now() + RESUBSCRIBE_MS
        this.forget()
        // The browsers reconnect, which subscribes again, and are told to restart.
        for (const reader of this.readers) reader.close()
      },
    })
  }

  unsubscribe() {
    this.subscription?.unsubscribe()
    this.subscription = undefined
    this.forget()
  }

  /**
   * Welcome (and what was missed since `lastEventId`), or restart when that position is not ours.
   */
  greet(reader: Reader, lastEventId: string | null) {
    const missed = lastEventId ? this.since(lastEventId) : []
    if (missed === null) {
      reader.send(frame('restart', {}, this.position()))
      return
    }
    reader.send(frame('welcome', {}, lastEventId || this.position()))
    for (const event of missed)
      reader.send(frame('message', { tags: event.tags }, this.position(event.seq)))
  }

  private upstream(event: LiveEvent) {
    switch (event.type) {
      case 'message': {
        const seq = ++this.seq
        this.history.push({ seq, tags: event.tags })
        if (this.history.length > HISTORY) this.history.shift()
        this.onMessage(event.tags)
        this.broadcast(frame('message', { tags: event.tags }, this.position(seq)))
        break
      }
      case 'restart':
        // Upstream could not resume after a drop: whatever the browsers hold may be stale.
        this.forget()
        this.broadcast(frame('restart', {}, this.position()))
        break
      case 'goaway':
        this.broadcast(frame('goaway', { reason: event.reason }))
        break
    }
  }

  private broadcast(chunk: string) {
    for (const reader of this.readers) reader.send(chunk)
  }

  /** A new boot id: positions handed out so far can no longer be resumed from. */
  private forget() {
    this.boot = randomBytes(6).toString('base64url')
    this.seq = 0
    this.history = []
  }

  private since(id: string) {
    const match = /^([A-Za-z0-9_-]+)-(\d+)$/.exec(id)
    if (!match || match[1] !== this.boot) return null
    const seq = Number(match[2])
    const oldest = this.history[0]?.seq ?? this.seq + 1
    if (seq > this.seq || seq < oldest - 1) return null
    return this.history.filter((event) => event.seq > seq)
  }

  private position(seq = this.seq) {
    return `${this.boot}-${seq}`
  }
}

/**
 * One subscription per instance to the Live Content API (Sanity's, or the local lake's), shared
 * by every browser this instance streams to: however many pages are open, the instance keeps one
 * socket upstream per perspective. It speaks the API's event format to the browsers, with ids of
 * its own, so a browser that reconnects with `Last-Event-ID` gets what it missed from a bounded
 * history, or `restart` (read everything again) when that position is unknown: another instance,
 * a restart, a lost upstream. Streams are capped per client and in all, and end after a lifetime,
 * after which the browser's EventSource reconnects and catches up.
 *
 * The published subscription also feeds `seenTags`, the tags the live action may expire.
 */
class LiveHub {
  readonly seenTags = new SeenTags()
  private readonly channels = {
    published: new Channel('published', (tags) => this.seenTags.record(tags)),
    drafts: new Channel('drafts', () => undefined),
  }
  private heartbeat: ReturnType<typeof setInterval> | undefined

  /** Starts hearing published changes (idempotent), so the live action knows which tags changed. */
  watchPublished() {
    if (process.env.NEXT_PHASE !== 'phase-production-build') this.channels.published.subscribe()
  }

  /** A browser's event stream: refused past the caps, ended after the lifetime. */
  open(
    perspective: Perspective,
    client: string,
    lastEventId: string | null,
    signal: AbortSignal,
  ): Response {
    const { perClient, perInstance, lifetimeMs } = config().liveStreams
    const all = this.readers()
    if (all.length >= perInstance) {
      throw new HttpError(
        503,
        'Too many live connections on this server. The page will try again.',
        {},
        { 'retry-after': '30' },
      )
    }
    if (all.filter((reader) => reader.client === client).length >= perClient) {
      throw new HttpError(
        429,
        'Too many live connections from your address. Close a few tabs.',
        {},
        { 'retry-after': '30' },
      )
    }
    const channel = this.channels[perspective]
    channel.subscribe()
    // A stream with no upstream would hear nothing until its lifetime ends: the browser tries
    // again.
    if (!channel.subscribed)
      throw new HttpError(503, 'Live updates are reconnecting.', {}, { 'retry-after': '5' })
    const encoder = new TextEncoder()
    let reader: Reader | undefined
    let lifetime: ReturnType<typeof setTimeout> | undefined
    const remove = () => {
      clearTimeout(lifetime)
      if (!reader || !channel.readers.delete(reader)) return
      // A token-bearing stream is not kept idle.
      if (perspective === 'drafts' && channel.readers.size === 0) channel.unsubscribe()
      if (this.readers().length === 0) {
        clearInterval(this.heartbeat)
        this.heartbeat = undefined
      }
    }
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        reader = {
          client,
          send: (chunk) => {
            try {
              controller.enqueue(encoder.encode(chunk))
            } catch {
              remove() // the browser has gone
            }
          },
          close: () => {
            remove()
            try {
              controller.close()
            } catch {
              // closed already
            }
          },
        }
        reader.send(`retry: ${RECONNECT_MS}\n\n`)
        channel.greet(reader, lastEventId)
        channel.readers.add(reader)
        lifetime = setTimeout(() => reader?.close(), lifetimeMs)
        this.heartbeat ??= setInterval(
          () => this.readers().forEach((r) => r.send(': ping\n\n')),
          HEARTBEAT_MS,
        )
        signal.addEventListener('abort', () => reader?.close())
      },
      cancel: remove,
    })
    return new Response(body, {
      headers: {
        'content-type': 'text/event-stream',
        // no-transform: compression would hold events back until a buffer fills.
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      },
    })
  }

  /** Streams served and upstream subscriptions held, for tests and logs. */
  stats() {
    return {
      streams: this.readers().length,
      upstreams: Object.values(this.channels).filter((channel) => channel.subscribed).length,
    }
  }

  private readers() {
    return [...this.channels.published.readers, ...this.channels.drafts.readers]
  }
}

// On globalThis so the dev server's module reloads keep one hub (and one upstream) per process.
const shared = globalThis as typeof globalThis & { restwellLiveHub?: LiveHub }

export function liveHub(): LiveHub {
  shared.restwellLiveHub ??= new LiveHub()
  return shared.restwellLiveHub
}

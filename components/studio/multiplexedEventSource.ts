/**
 * A drop-in `EventSource` for the local Studio that carries every listener to the local lake
 * over one connection. Browsers allow six HTTP/1.1 connections per host and the Studio keeps
 * more listeners than that open at once (Sanity's own API is HTTP/2), so without this the
 * Studio stalls on "Trying to connect…". URLs outside `base` use the browser's EventSource.
 */
type MuxMessage = { s: string; t: string; d: unknown; i?: string }

class Hub {
  private native: EventSource | null = null
  private streamId: string | null = null
  private readonly sources = new Map<string, MultiplexedEventSource>()
  private counter = 0

  constructor(
    private readonly base: string,
    private readonly Native: typeof EventSource,
  ) {}

  add(source: MultiplexedEventSource) {
    const id = `l${++this.counter}`
    this.sources.set(id, source)
    this.connect()
    if (this.streamId) void this.subscribe(id, source)
    return id
  }

  remove(id: string) {
    this.sources.delete(id)
    if (this.streamId) void this.post('unsubscribe', { id }).catch(() => undefined)
  }

  private connect() {
    if (this.native) return
    const native = new this.Native(`${this.base}/v1/listen-mux/open`)
    this.native = native
    native.addEventListener('mux-open', (event) => {
      this.streamId = (JSON.parse((event as MessageEvent).data) as { streamId: string }).streamId
      for (const [id, source] of this.sources) void this.subscribe(id, source)
    })
    native.addEventListener('m', (event) => {
      const message = JSON.parse((event as MessageEvent).data) as MuxMessage
      this.sources.get(message.s)?.deliver(message.t, message.d, message.i)
    })
    native.addEventListener('error', () => {
      // The browser reconnects by itself and a new stream re-subscribes everyone.
      this.streamId = null
      for (const source of this.sources.values()) source.interrupted()
    })
  }

  private async subscribe(id: string, source: MultiplexedEventSource) {
    try {
      const res = await this.post('subscribe', { id, url: source.url.slice(this.base.length) })
      if (res.ok) source.opened()
      else source.failed(res.status)
    } catch {
      source.interrupted()
    }
  }

  private post(action: string, body: unknown) {
    return fetch(`${this.base}/v1/listen-mux/${this.streamId}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  }
}

class MultiplexedEventSource extends EventTarget {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSED = 2
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSED = 2
  readonly withCredentials = false
  readyState = 0
  onopen: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: Event) => void) | null = null
  private readonly id: string

  constructor(
    readonly url: string,
    private readonly hub: Hub,
  ) {
    super()
    this.id = hub.add(this)
  }

  close() {
    if (this.readyState === this.CLOSED) return
    this.readyState = this.CLOSED
    this.hub.remove(this.id)
  }

  opened() {
    if (this.readyState === this.CLOSED) return
    this.readyState = this.OPEN
    this.emit(new Event('open'))
  }

  interrupted() {
    if (this.readyState === this.CLOSED) return
    this.readyState = this.CONNECTING
    this.emit(new Event('error'))
  }

  failed(status: number) {
    this.readyState = this.CLOSED
    this.hub.remove(this.id)
    this.emit(Object.assign(new Event('error'), { status }))
  }

  deliver(type: string, data: unknown, lastEventId?: string) {
    if (this.readyState === this.CLOSED) return
    this.emit(
      new MessageEvent(type, { data: JSON.stringify(data), lastEventId: lastEventId ?? '' }),
    )
  }

  private emit(event: Event) {
    this.dispatchEvent(event)
    if (event.type === 'open') this.onopen?.(event)
    if (event.type === 'error') this.onerror?.(event)
    if (event.type === 'message') this.onmessage?.(event as MessageEvent)
  }
}

let installed = false

/** Replaces `window.EventSource` so listen URLs under `base` share one connection. */
export function installMultiplexedEventSource(base: string) {
  if (installed || typeof window === 'undefined') return
  installed = true
  const Native = window.EventSource
  const hub = new Hub(base, Native)
  const isListen = (url: string) => url.startsWith(`${base}/`) && url.includes('/data/listen/')
  function Routed(url: string | URL, init?: EventSourceInit) {
    const href = String(url)
    return isListen(href) ? new MultiplexedEventSource(href, hub) : new Native(href, init)
  }
  Object.assign(Routed, { CONNECTING: 0, OPEN: 1, CLOSED: 2 })
  window.EventSource = Routed as unknown as typeof EventSource
}

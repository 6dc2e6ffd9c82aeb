import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { listenForPublishes } from './browser-listener'

/** Stands in for the browser's EventSource: the test plays the server's events. */
class FakeSource {
  readyState = 1
  closed = false
  private listeners = new Map<string, Array<(event: unknown) => void>>()
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: unknown) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }
  close() {
    this.closed = true
    this.readyState = 2
  }
  emit(type: string, data?: string) {
    for (const listener of this.listeners.get(type) ?? []) listener({ type, data })
  }
}

const URL = 'http://127.0.0.1:3000/api/live-events/v2025-02-19/data/live/events/production'

function listen(options = {}) {
  const sources: FakeSource[] = []
  const changed = vi.fn()
  const refresh = vi.fn()
  const welcomed = vi.fn()
  const stop = listenForPublishes(
    URL,
    { changed, refresh, welcomed },
    {
      open: (url) => {
        const source = new FakeSource(url)
        sources.push(source)
        return source as unknown as EventSource
      },
      ...options,
    },
  )
  return { sources, changed, refresh, welcomed, stop, latest: () => sources[sources.length - 1] }
}

describe('listening for publishes', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it("passes each message's sync tags on, and ignores messages it cannot read", () => {
    const { latest, changed, refresh } = listen()
    expect(latest().url).toBe(URL)
    latest().emit('welcome', '{}')
    latest().emit('message', JSON.stringify({ id: '1', tags: ['s1:abc', 's1:def'] }))
    latest().emit('message', 'not json')
    latest().emit('message', JSON.stringify({ tags: [1, 2] }))
    latest().emit('message', JSON.stringify({ tags: [] }))
    expect(changed.mock.calls).toEqual([[['s1:abc', 's1:def']]])
    expect(refresh).not.toHaveBeenCalled()
  })

  it('says when a first stream is welcomed (the page then checks its content version), and refreshes instead after a reconnect', () => {
    const { latest, refresh, welcomed } = listen({ retryMs: 100 })
    latest().emit('welcome')
    expect(welcomed).toHaveBeenCalledTimes(1)
    latest().close()
    latest().emit('error')
    vi.advanceTimersByTime(100)
    latest().emit('welcome')
    expect(welcomed).toHaveBeenCalledTimes(1)
    expect(refresh).toHaveBeenCalledTimes(1)
  })

  it('refreshes on restart, when events may have been missed', () => {
    const { latest, refresh } = listen()
    latest().emit('restart', '{}')
    expect(refresh).toHaveBeenCalledTimes(1)
  })

  it('reopens a stream the browser gave up on, with growing waits, and refreshes once it is back', () => {
    const { sources, latest, refresh } = listen({ retryMs: 100, maxRetryMs: 250 })
    latest().emit('welcome')
    expect(refresh).not.toHaveBeenCalled()

    // A dropped connection that the browser is retrying itself is left alone.
    latest().emit('error')
    vi.advanceTimersByTime(1_000)
    expect(sources).toHaveLength(1)

    for (const wait of [100, 200, 250]) {
      latest().close()
      latest().emit('error')
      vi.advanceTimersByTime(wait - 1)
      const before = sources.length
      vi.advanceTimersByTime(1)
      expect(sources).toHaveLength(before + 1)
    }
    expect(refresh).not.toHaveBeenCalled()
    latest().emit('welcome')
    expect(refresh).toHaveBeenCalledTimes(1)
    expect(sources.slice(0, -1).every((source) => source.closed)).toBe(true)
  })

  it('reopens after the server ends the channel', () => {
    const { sources, latest } = listen({ retryMs: 100 })
    latest().emit('disconnect', JSON.stringify({ reason: 'maintenance' }))
    expect(sources[0].closed).toBe(true)
    vi.advanceTimersByTime(100)
    expect(sources).toHaveLength(2)
  })

  it('after goaway, refreshes on an interval until a connection is welcomed again', () => {
    const { sources, latest, refresh, stop } = listen({ pollMs: 1_000 })
    latest().emit('welcome')
    latest().emit('goaway', JSON.stringify({ reason: 'connection limit reached' }))
    latest().emit('goaway', JSON.stringify({ reason: 'connection limit reached' }))
    vi.advanceTimersByTime(3_000)
    expect(refresh).toHaveBeenCalledTimes(3)
    latest().emit('welcome')
    vi.advanceTimersByTime(3_000)
    expect(refresh).toHaveBeenCalledTimes(3)

    latest().emit('goaway', JSON.stringify({ reason: 'connection limit reached' }))
    stop()
    vi.advanceTimersByTime(3_000)
    expect(refresh).toHaveBeenCalledTimes(3)
    expect(sources).toHaveLength(1)
  })

  it('starts the waits over for a stream that had stayed up a while', () => {
    const { sources, latest } = listen({ retryMs: 100, maxRetryMs: 400 })
    const fail = () => {
      latest().close()
      latest().emit('error')
    }
    fail()
    vi.advanceTimersByTime(100)
    fail()
    vi.advanceTimersByTime(200)
    expect(sources).toHaveLength(3)
    latest().emit('welcome')
    vi.advanceTimersByTime(1_000)
    fail()
    vi.advanceTimersByTime(100)
    expect(sources).toHaveLength(4)

    // Welcomed, then failing at once, as a flapping server does: the waits keep growing.
    latest().emit('welcome')
    fail()
    vi.advanceTimersByTime(100)
    expect(sources).toHaveLength(4)
    vi.advanceTimersByTime(100)
    expect(sources).toHaveLength(5)
  })

  it('stops listening and cancels a pending reopen when the page leaves', () => {
    const { sources, latest, stop } = listen({ retryMs: 100 })
    latest().close()
    latest().emit('error')
    stop()
    vi.advanceTimersByTime(1_000)
    expect(sources).toHaveLength(1)
  })
})

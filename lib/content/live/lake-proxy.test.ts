import { NextRequest } from 'next/server'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { READ_TOKEN } from '../../../services/content-lake/test/harness'
import { lakeForSuite } from '../../../services/content-lake/test/suite'
import { loadConfig } from '../../test/config'

/** The site's live-events route and the one upstream subscription behind it, against a real lake process. */
const lake = lakeForSuite()
const SITE = 'http://localhost:3999'
const PATH = ['v2025-02-19', 'data', 'live', 'events', 'production']

let GET: typeof import('@/app/api/live-events/[...path]/route').GET
let liveHub: typeof import('./lake-proxy-hub').liveHub
const open: AbortController[] = []

beforeAll(async () => {
  await loadConfig({
    LAKE_URL: lake.url,
    SANITY_API_READ_TOKEN: READ_TOKEN,
    SITE_URL: SITE,
    LIVE_STREAMS_PER_CLIENT: '10',
    LIVE_STREAMS_PER_INSTANCE: '40',
    LIVE_STREAM_LIFETIME_S: '2',
  })
  ;({ GET } = await import('@/app/api/live-events/[...path]/route'))
  ;({ liveHub } = await import('./lake-proxy-hub'))
})

afterEach(async () => {
  for (const controller of open.splice(0)) controller.abort()
  await vi.waitFor(() => expect(liveHub().stats().streams).toBe(0))
})

function connect(client: string, lastEventId?: string) {
  const controller = new AbortController()
  open.push(controller)
  const headers: Record<string, string> = { 'x-forwarded-for': client }
  if (lastEventId) headers['last-event-id'] = lastEventId
  const req = new NextRequest(`${SITE}/api/live-events/${PATH.join('/')}`, {
    headers,
    signal: controller.signal,
  })
  return GET(req, { params: Promise.resolve({ path: PATH }) })
}

/** Reads a stream's events as they come; `next(type)` waits for the next event of that type. */
function events(res: Response) {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  let ended = false
  const parsed: { event: string; id?: string; data?: string }[] = []
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return void (ended = true)
      buffer += decoder.decode(value, { stream: true })
      let cut
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut)
        buffer = buffer.slice(cut + 2)
        const field = (name: string) => block.match(new RegExp(`^${name}: (.*)$`, 'm'))?.[1]
        const event = field('event')
        if (event) parsed.push({ event, id: field('id'), data: field('data') })
      }
    }
  })()
  return {
    parsed,
    ended: () => ended,
    pump,
    async next(type: string, after = 0) {
      await vi.waitFor(() => expect(parsed.slice(after).some((e) => e.event === type)).toBe(true), {
        timeout: 10_000,
      })
      return parsed.slice(after).find((e) => e.event === type)!
    },
  }
}

const publish = (title: string) =>
  lake.client.createOrReplace({
    _id: 'article-live-hub',
    _type: 'article',
    title,
    slug: { _type: 'slug', current: 'live-hub' },
  })

describe('live events from one upstream subscription', () => {
  it('serves 10 streams to one client and refuses the other 190, while another client still connects', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 200; i++) {
      const res = await connect('203.0.113.5')
      statuses.push(res.status)
      if (res.status !== 200) expect(await res.json()).toHaveProperty('error')
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(10)
    expect(statuses.filter((s) => s === 429)).toHaveLength(190)
    expect((await connect('198.51.100.9')).status).toBe(200)
    // Eleven readers, one socket to the lake.
    expect(liveHub().stats()).toEqual({ streams: 11, upstreams: 1 })
  })

  it('caps the streams of the whole instance', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 50; i++) statuses.push((await connect(`10.88.0.${i}`)).status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(40)
    expect(statuses.filter((s) => s === 503)).toHaveLength(10)
  })

  it('hears a publish, remembers its tags for the live action once, and ends each stream after its lifetime', async () => {
    const stream = events(await connect('192.0.2.10'))
    const welcome = await stream.next('welcome')
    await publish('First title')
    const message = await stream.next('message')
    const tags = JSON.parse(message.data!).tags as string[]
    expect(tags.length).toBeGreaterThan(0)
    expect(liveHub().seenTags.take([...tags, 's1:never-published'])).toEqual(tags)
    expect(liveHub().seenTags.take(tags)).toEqual([]) // each publish's tags are expired once

    await stream.pump // the 2 s lifetime ends the stream
    expect(stream.ended()).toBe(true)
    expect(welcome.id).toBeTruthy()
  })

  it('gives a reconnecting browser what was published while it was away, or restart for a position it does not know', async () => {
    const first = events(await connect('192.0.2.11'))
    await first.next('welcome')
    await publish('Before the drop')
    const seen = await first.next('message')
    await first.pump
    // Another reader shows when the hub has heard the next publish, made while the first was away.
    const observer = events(await connect('192.0.2.13'))
    await observer.next('welcome')
    await publish('While away')
    await observer.next('message')

    const again = events(await connect('192.0.2.11', seen.id))
    await again.next('welcome')
    const missed = await again.next('message')
    expect(missed.id).not.toBe(seen.id)

    const stranger = events(await connect('192.0.2.12', 'another-instance-7'))
    await stranger.next('restart')
  })
})

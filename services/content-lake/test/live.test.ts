import { describe, expect, it } from 'vitest'
import { createClient, type LiveEvent, type SanityClient } from '@sanity/client'
import { lakeForSuite } from './suite'

/** The Live Content API, spoken to through @sanity/client as next-sanity's `defineLive` does. */
const lake = lakeForSuite((lake) =>
  lake.client
    .transaction()
    .createOrReplace({ _id: 'a-author', _type: 'author', name: 'Ada' })
    .createOrReplace({
      _id: 'a-1',
      _type: 'article',
      title: 'First',
      slug: { current: 'first' },
      author: { _type: 'reference', _ref: 'a-author' },
    })
    .commit(),
)

/** Collects a stream's events until `stop()`. */
function collect(client: SanityClient, options: { includeDrafts?: boolean } = {}) {
  const events: LiveEvent[] = []
  let failure: unknown
  const subscription = client.live
    .events(options)
    .subscribe({ next: (event) => events.push(event), error: (error) => (failure = error) })
  return { events, failure: () => failure, stop: () => subscription.unsubscribe() }
}

const messages = (events: LiveEvent[]) =>
  events.flatMap((event) => (event.type === 'message' ? [event] : []))
const intersects = (a: string[], b: string[]) => a.some((tag) => b.includes(tag))

/** The raw answer, as defineLive reads it: `filterResponse: false` keeps the sync tags. */
const syncTagsOf = async (query: string, params = {}) =>
  (await lake.reader.fetch(query, params, { filterResponse: false })).syncTags ?? []

describe('sync tags on query answers', () => {
  it('are s1: tags, present even when the answer is null', async () => {
    const tags = await syncTagsOf('*[_type == "article" && slug.current == $slug][0]', {
      slug: 'missing',
    })
    expect(tags.length).toBeGreaterThan(0)
    expect(tags.every((tag) => tag.startsWith('s1:'))).toBe(true)
  })

  it('follow dereferences to the types they reach; an unconstrained filter depends on everything', async () => {
    const direct = await syncTagsOf('*[_type == "article"]{title}')
    const withAuthor = await syncTagsOf('*[_type == "article"]{title, "author": author->name}')
    const byId = await syncTagsOf('*[_id == "a-1"][0]')
    expect(withAuthor.length).toBeGreaterThan(direct.length)
    expect(intersects(byId, withAuthor)).toBe(false)
  })
})

describe('live.events()', () => {
  it('welcomes, then sends a message whose tags match the sync tags of a query the mutation changed, and none for an unrelated document', async () => {
    const missingSlug = await syncTagsOf(
      '*[_type == "article" && slug.current == "second"][0]{title}',
    )
    const withAuthor = await syncTagsOf(
      '*[_type == "article" && slug.current == "first"][0]{title, "author": author->name}',
    )
    const stream = collect(lake.anonymous)
    await expect.poll(() => stream.events[0]?.type).toBe('welcome')

    // A query that returned null is refreshed when a matching document appears.
    await lake.client.create({
      _id: 'a-2',
      _type: 'article',
      title: 'Second',
      slug: { current: 'second' },
    })
    await expect.poll(() => messages(stream.events).length).toBe(1)
    const [created] = messages(stream.events)
    expect(created.id).toBeTruthy()
    expect(intersects(created.tags, missingSlug)).toBe(true)

    // An edit to a dereferenced document refreshes the query that follows the reference.
    await lake.client.patch('a-author').set({ name: 'Ada L.' }).commit()
    await expect.poll(() => messages(stream.events).length).toBe(2)
    expect(intersects(messages(stream.events)[1].tags, withAuthor)).toBe(true)

    // An unrelated document: its message's tags touch neither query.
    await lake.client.create({ _id: 'unrelated-1', _type: 'storeNote', text: 'hello' })
    await expect.poll(() => messages(stream.events).length).toBe(3)
    const unrelated = messages(stream.events)[2]
    expect(intersects(unrelated.tags, missingSlug) || intersects(unrelated.tags, withAuthor)).toBe(
      false,
    )

    // Drafts and private (path) documents are not on the published stream at all.
    await lake.client.createOrReplace({
      _id: 'drafts.a-1',
      _type: 'article',
      title: 'First (draft)',
    })
    await lake.client.createOrReplace({
      _id: 'orders.order-1',
      _type: 'order',
      email: 'buyer@example.com',
    })
    await lake.client.create({ _id: 'unrelated-2', _type: 'storeNote', text: 'after' })
    await expect.poll(() => messages(stream.events).length).toBe(4)
    expect(messages(stream.events)[3].tags).toEqual(unrelated.tags)
    expect(new Set(messages(stream.events).map((m) => m.id)).size).toBe(4)
    stream.stop()
  })

  it('hears drafts only with a token, and refuses includeDrafts without one', async () => {
    const withToken = collect(lake.reader, { includeDrafts: true })
    await expect.poll(() => withToken.events[0]?.type).toBe('welcome')
    await lake.client.createOrReplace({
      _id: 'drafts.a-2',
      _type: 'article',
      title: 'Second (draft)',
    })
    await expect.poll(() => messages(withToken.events).length).toBe(1)
    withToken.stop()

    // @sanity/client itself refuses to ask without a token; asked anyway (credentials instead), the lake answers 401.
    expect(() => lake.anonymous.live.events({ includeDrafts: true })).toThrow(/token/)
    const credentialed = collect(lake.anonymous.withConfig({ withCredentials: true }), {
      includeDrafts: true,
    })
    await expect
      .poll(() => (credentialed.failure() as { status?: number } | undefined)?.status)
      .toBe(401)
    expect(
      credentialed.events.filter((event) => event.type === 'message' || event.type === 'welcome'),
    ).toEqual([])
    const raw = await fetch(
      `${lake.url}/v2025-02-19/data/live/events/production?includeDrafts=true`,
    )
    expect(raw.status).toBe(401)
  })

  it('resumes from a known Last-Event-ID and answers a stale one with restart', async () => {
    const first = collect(lake.anonymous)
    await expect.poll(() => first.events[0]?.type).toBe('welcome')
    await lake.client.create({ _id: 'resume-1', _type: 'storeNote' })
    await expect.poll(() => messages(first.events).length).toBe(1)
    const position = messages(first.events)[0].id
    first.stop()
    await lake.client.create({ _id: 'resume-2', _type: 'storeNote' })

    const at = (lastEventId: string) =>
      createClient({
        ...lake.anonymous.config(),
        headers: { 'Last-Event-ID': lastEventId },
        useProjectHostname: false,
      })
    const resumed = collect(at(position))
    await expect
      .poll(() => resumed.events.map((event) => event.type))
      .toEqual(['welcome', 'message'])
    resumed.stop()

    const stale = collect(at('gone-42'))
    await expect.poll(() => stale.events[0]?.type).toBe('restart')
    expect(stale.events.some((event) => event.type === 'welcome')).toBe(false)
    stale.stop()
  })

  it('accepts and ignores returnQuery, lastLiveEventId, cacheMode and variant', async () => {
    const query = new URLSearchParams({
      returnQuery: 'false',
      lastLiveEventId: 'x',
      cacheMode: 'noStale',
      variant: 'v',
      tag: 't',
    })
    const controller = new AbortController()
    const res = await fetch(`${lake.url}/v2025-02-19/data/live/events/production?${query}`, {
      signal: controller.signal,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    const reader = res.body!.getReader()
    const { value } = await reader.read()
    expect(new TextDecoder().decode(value)).toMatch(/^id: .+\nevent: welcome\ndata: \{\}\n\n/)
    controller.abort()
  })
})

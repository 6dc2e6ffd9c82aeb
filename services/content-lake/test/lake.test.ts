import { beforeAll, describe, expect, it } from 'vitest'
import { request } from 'node:http'
import { READ_TOKEN, removeDir, startLakeProcess, WRITE_TOKEN } from './harness'
import { lakeForSuite } from './suite'

const lake = lakeForSuite()

const statusOf = async (promise: Promise<unknown>) => {
  try {
    await promise
    return 200
  } catch (error) {
    return (error as { statusCode?: number }).statusCode ?? -1
  }
}

describe('queries', () => {
  beforeAll(async () => {
    await lake.client
      .transaction()
      .createOrReplace({ _id: 'q-a', _type: 'note', title: 'Alpha', rank: 2, tags: ['x'] })
      .createOrReplace({ _id: 'q-b', _type: 'note', title: 'Beta', rank: 1, tags: ['y'] })
      .createOrReplace({
        _id: 'drafts.q-a',
        _type: 'note',
        title: 'Alpha (draft)',
        rank: 2,
        tags: ['x'],
      })
      .createOrReplace({ _id: 'drafts.q-new', _type: 'note', title: 'Only a draft', rank: 3 })
      .commit()
  })

  it('evaluates GROQ with params, ordering and projections', async () => {
    const result = await lake.client.fetch(
      '*[_type == $type && rank >= $min] | order(rank asc){title}',
      {
        type: 'note',
        min: 1,
      },
    )
    expect(result).toEqual([{ title: 'Beta' }, { title: 'Alpha' }])
  })

  it('accepts long queries sent as POST', async () => {
    const padding = ' '.repeat(12_000)
    const result = await lake.client.fetch(`count(*[_id == $id])${padding}`, { id: 'q-a' })
    expect(result).toBe(1)
  })

  it('applies perspectives: published hides drafts, drafts overlays them, raw shows all', async () => {
    const published = await lake.client.fetch(
      '*[_type == "note"] | order(_id asc).title',
      {},
      { perspective: 'published' },
    )
    expect(published).toEqual(['Alpha', 'Beta'])
    const drafts = await lake.client.fetch(
      '*[_type == "note"] | order(_id asc){_id, _originalId, title}',
      {},
      { perspective: 'drafts' },
    )
    expect(drafts).toEqual([
      { _id: 'q-a', _originalId: 'drafts.q-a', title: 'Alpha (draft)' },
      { _id: 'q-b', _originalId: 'q-b', title: 'Beta' },
      { _id: 'q-new', _originalId: 'drafts.q-new', title: 'Only a draft' },
    ])
    const raw = await lake.client.fetch('count(*[_type == "note"])', {}, { perspective: 'raw' })
    expect(raw).toBe(4)
  })

  it('is private by default: reading needs a token, and the read token sees drafts', async () => {
    expect(await statusOf(lake.anonymous.fetch('*[_id == "q-a"][0].title'))).toBe(401)
    expect(await statusOf(lake.anonymous.getDocument('q-a'))).toBe(401)
    expect(await lake.reader.fetch('*[_id == "q-a"][0].title')).toBe('Alpha')
    expect(await lake.reader.fetch('*[_id == "q-a"][0].title', {}, { perspective: 'drafts' })).toBe(
      'Alpha (draft)',
    )
    expect(await statusOf(lake.reader.create({ _type: 'note' }))).toBe(401)
  })

  it('answers malformed GROQ and unknown functions with 400, never 500', async () => {
    expect(await statusOf(lake.client.fetch('*[_type == '))).toBe(400)
    expect(await statusOf(lake.client.fetch('nope::fn()'))).toBe(400)
    expect(await statusOf(lake.client.fetch('*[_type == $missing]'))).toBe(400)
  })

  it('reads documents by id and reports unknown ids as omitted', async () => {
    expect((await lake.client.getDocument('q-b'))?.title).toBe('Beta')
    expect(await lake.client.getDocument('does-not-exist')).toBeUndefined()
    const docs = await lake.client.getDocuments(['q-a', 'missing'])
    expect(docs.map((d) => d?._id ?? null)).toEqual(['q-a', null])
  })
})

describe('mutations', () => {
  it('create assigns an id, _rev and timestamps; creating it again is a 409 that changes nothing', async () => {
    const created = await lake.client.create({ _type: 'note', title: 'first' })
    expect(created._id).toMatch(/^[A-Za-z0-9]{22}$/)
    expect(created._rev).toBeTruthy()
    expect(created._createdAt).toBe(created._updatedAt)
    const error = await lake.client
      .create({ _id: created._id, _type: 'note', title: 'second' })
      .catch((e) => e)
    expect(error.statusCode).toBe(409)
    expect(error.details.type).toBe('mutationError')
    const after = await lake.client.getDocument(created._id)
    expect(after).toEqual(created)
  })

  it('createIfNotExists leaves an existing document alone; createOrReplace replaces it', async () => {
    await lake.client.createIfNotExists({ _id: 'm-1', _type: 'note', title: 'one' })
    await lake.client.createIfNotExists({ _id: 'm-1', _type: 'note', title: 'ignored' })
    expect((await lake.client.getDocument('m-1'))?.title).toBe('one')
    await lake.client.createOrReplace({ _id: 'm-1', _type: 'note', body: 'replaced' })
    const doc = await lake.client.getDocument('m-1')
    expect(doc?.title).toBeUndefined()
    expect(doc?.body).toBe('replaced')
  })

  it('patches with set, unset, setIfMissing, inc, dec, insert and diffMatchPatch', async () => {
    await lake.client.createOrReplace({
      _id: 'p-1',
      _type: 'note',
      title: 'hello world',
      count: 10,
      gone: true,
      list: [{ _key: 'a', v: 1 }],
    })
    await lake.client
      .patch('p-1')
      .set({ 'nested.deep': 'yes' })
      .unset(['gone'])
      .setIfMissing({ count: 999, fresh: 'new' })
      .inc({ count: 5 })
      .dec({ count: 2 })
      .insert('after', 'list[_key=="a"]', [{ _key: 'b', v: 2 }])
      .diffMatchPatch({ title: '@@ -1,5 +1,5 @@\n-hello\n+HELLO\n' })
      .commit()
    const doc = await lake.client.getDocument('p-1')
    expect(doc).toMatchObject({
      title: 'HELLO world',
      count: 13,
      fresh: 'new',
      nested: { deep: 'yes' },
    })
    expect(doc).not.toHaveProperty('gone')
    expect(doc?.list).toEqual([
      { _key: 'a', v: 1 },
      { _key: 'b', v: 2 },
    ])
  })

  it('deletes by id and by query', async () => {
    await lake.client.createOrReplace({ _id: 'd-1', _type: 'trash' })
    await lake.client.createOrReplace({ _id: 'd-2', _type: 'trash' })
    await lake.client.delete('d-1')
    expect(await lake.client.getDocument('d-1')).toBeUndefined()
    await lake.client.delete({ query: '*[_type == "trash"]' })
    expect(await lake.client.fetch('count(*[_type == "trash"])')).toBe(0)
  })

  it('rejects a stale ifRevisionID with 409 and leaves the document unchanged', async () => {
    const doc = await lake.client.createOrReplace({ _id: 'r-1', _type: 'note', n: 1 })
    await lake.client.patch('r-1', { ifRevisionID: doc._rev }).set({ n: 2 }).commit()
    const error = await lake.client
      .patch('r-1', { ifRevisionID: doc._rev })
      .set({ n: 3 })
      .commit()
      .catch((e) => e)
    expect(error.statusCode).toBe(409)
    expect((await lake.client.getDocument('r-1'))?.n).toBe(2)
  })

  it('changes _rev on every write', async () => {
    const a = await lake.client.createOrReplace({ _id: 'rev-1', _type: 'note', n: 1 })
    const b = await lake.client.patch('rev-1').set({ n: 2 }).commit()
    const c = await lake.client.patch('rev-1').set({ n: 3 }).commit()
    expect(new Set([a._rev, b._rev, c._rev]).size).toBe(3)
  })

  it('applies 50 concurrent inc patches exactly once each', async () => {
    await lake.client.createOrReplace({ _id: 'counter', _type: 'counter', value: 0 })
    await Promise.all(
      Array.from({ length: 50 }, () => lake.client.patch('counter').inc({ value: 1 }).commit()),
    )
    expect((await lake.client.getDocument('counter'))?.value).toBe(50)
  })

  it('runs a transaction all-or-nothing: one failing mutation changes nothing', async () => {
    await lake.client.createOrReplace({ _id: 't-1', _type: 'note', n: 1 })
    const error = await lake.client
      .transaction()
      .patch('t-1', (p) => p.set({ n: 2 }))
      .create({ _id: 't-new', _type: 'note' })
      .create({ _id: 't-1', _type: 'note' }) // already exists: fails
      .commit()
      .catch((e) => e)
    expect(error.statusCode).toBe(409)
    expect((await lake.client.getDocument('t-1'))?.n).toBe(1)
    expect(await lake.client.getDocument('t-new')).toBeUndefined()
  })

  it('answers bad mutations with 4xx and writes nothing', async () => {
    const before = await lake.client.fetch('count(*)', {}, { perspective: 'raw' })
    const post = (body: string, token = WRITE_TOKEN) =>
      fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      })
    const cases = [
      '{not json',
      '{"mutations": "nope"}',
      '{"mutations": []}',
      '{"mutations": [{"create": {"title": "no type"}}]}',
      '{"mutations": [{"create": {"_id": "bad id!", "_type": "x"}}]}',
      '{"mutations": [{"patch": {"id": "missing-doc", "set": {"a": 1}}}]}',
      '{"mutations": [{"patch": {"id": "counter", "inc": {"value": "1"}}}]}',
      '{"mutations": [{"patch": {"id": "counter", "set": {"_id": "other"}}}]}',
      '{"mutations": [{"explode": {}}]}',
      '{"mutations": [{"create": {"_type": "x"}, "delete": {"id": "counter"}}]}',
    ]
    for (const body of cases) {
      const res = await post(body)
      expect(res.status, body).toBeGreaterThanOrEqual(400)
      expect(res.status, body).toBeLessThan(500)
      expect(await res.json()).toHaveProperty('error')
    }
    expect((await post('{"mutations":[{"create":{"_type":"x"}}]}', 'wrong-token')).status).toBe(401)
    expect(
      (
        await fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
          method: 'POST',
          body: '{}',
        })
      ).status,
    ).toBe(401)
    expect(await lake.client.fetch('count(*)', {}, { perspective: 'raw' })).toBe(before)
    expect((await lake.client.getDocument('counter'))?.value).toBe(50)
  })

  it('answers unknown routes with a JSON 404', async () => {
    const res = await fetch(`${lake.url}/v1/nothing/here`)
    expect(res.status).toBe(404)
    expect(await res.json()).toHaveProperty('error')
  })
})

describe('listen', () => {
  it('streams mutation events for documents matching the filter', async () => {
    const events: Array<{ documentId: string; transition: string; result?: { n?: number } }> = []
    const subscription = lake.client
      .listen('*[_type == "watched"]', {}, { events: ['welcome', 'mutation'] })
      .subscribe((event) => {
        if (event.type === 'mutation') events.push(event as never)
      })
    await new Promise((r) => setTimeout(r, 300))
    await lake.client.create({ _id: 'w-1', _type: 'watched', n: 1 })
    await lake.client.create({ _id: 'unwatched', _type: 'other' })
    await lake.client.patch('w-1').set({ n: 2 }).commit()
    await lake.client.delete('w-1')
    await expect.poll(() => events.length).toBe(3)
    subscription.unsubscribe()
    expect(events.map((e) => [e.documentId, e.transition])).toEqual([
      ['w-1', 'appear'],
      ['w-1', 'update'],
      ['w-1', 'disappear'],
    ])
    expect(events[1].result?.n).toBe(2)
  })
})

describe('a public dataset', () => {
  it('lets anonymous clients read published content but never drafts, nor any document under a path', async () => {
    const open = await startLakeProcess({ publicReads: true })
    try {
      await open.client.createOrReplace({ _id: 'pub', _type: 'note', title: 'Published' })
      await open.client.createOrReplace({ _id: 'drafts.pub', _type: 'note', title: 'Draft' })
      await open.client.createOrReplace({
        _id: 'orders.order-1',
        _type: 'order',
        email: 'buyer@example.com',
      })
      expect(await open.anonymous.fetch('*[_id == "pub"][0].title')).toBe('Published')
      expect(await statusOf(open.anonymous.fetch('*', {}, { perspective: 'drafts' }))).toBe(401)
      expect(await open.anonymous.getDocument('drafts.pub')).toBeUndefined()
      // As at Sanity: a path id is private even in a public dataset; the token still reads it.
      expect(await open.anonymous.fetch('count(*[_type == "order"])')).toBe(0)
      expect(await open.anonymous.getDocument('orders.order-1')).toBeUndefined()
      expect(await open.client.fetch('count(*[_type == "order"])')).toBe(1)
    } finally {
      await open.stop()
      removeDir(open.dataDir)
    }
  })
})

describe('reach', () => {
  it('never lets another origin read the API with credentials', async () => {
    const res = await fetch(`${lake.url}/v2025-02-19/data/query/production?query=count(*)`, {
      headers: { origin: 'https://evil.example', authorization: `Bearer ${READ_TOKEN}` },
    })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(res.headers.get('access-control-allow-credentials')).toBeNull()
    const preflight = await fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('answers only to loopback host names, so a rebound DNS name cannot reach it', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${lake.url}/v2025-02-19/data/query/production?query=count(*)`,
        { headers: { host: 'rebound.example:3030', authorization: `Bearer ${READ_TOKEN}` } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(421)
    const local = await fetch(`${lake.url}/v2025-02-19/data/query/production?query=count(*)`, {
      headers: { authorization: `Bearer ${READ_TOKEN}` },
    })
    expect(local.status).toBe(200)
  })
})

describe('assets', () => {
  it('uploads an image, creates its asset document and serves the bytes', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60"><rect width="120" height="60"/></svg>',
    )
    const asset = await lake.client.assets.upload('image', svg, { filename: 'box.svg' })
    expect(asset._id).toMatch(/^image-[a-f0-9]{40}-120x60-svg$/)
    expect(asset.metadata.dimensions).toMatchObject({ width: 120, height: 60 })
    expect(await lake.client.getDocument(asset._id)).toMatchObject({ _type: 'sanity.imageAsset' })
    const res = await fetch(`${asset.url}?w=60`)
    expect(res.headers.get('content-type')).toBe('image/svg+xml')
    expect(Buffer.from(await res.arrayBuffer()).equals(svg)).toBe(true)
  })

  it('serves an SVG as a sandboxed download, so its script never runs on a site origin', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.domain)</script></svg>',
    )
    const asset = await lake.client.assets.upload('image', svg, { filename: 'evil.svg' })
    const res = await fetch(asset.url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBe('sandbox')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('rejects bytes that are not an image', async () => {
    const error = await lake.client.assets
      .upload('image', Buffer.from('not an image'))
      .catch((e) => e)
    expect(error.statusCode).toBe(400)
  })
})

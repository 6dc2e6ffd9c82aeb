import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../db/client'
import { testDatabase } from '../test/database'
import PostgresCacheHandler from './next-cache-handler'
import { SharedCache, TAGS_REFRESH_MS, expireCacheTags } from './shared-cache'

/** Two instances are two caches over one PostgreSQL: what one writes or expires, the other sees. */
beforeAll(async () => {
  await testDatabase()
})

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const page = (html: string) => ({
  kind: 'APP_PAGE',
  html,
  rscData: Buffer.from(`rsc ${html}`),
  segmentData: new Map([['/_tree', Buffer.from('tree')]]),
})

describe('the shared cache', () => {
  it('serves on instance B what instance A rendered, Buffers and Maps intact', async () => {
    const [a, b] = [new SharedCache(), new SharedCache()]
    await a.set('/articles/one', page('<h1>One</h1>'), ['content', 'sanity:s1:abc'])
    const entry = await b.get('/articles/one')
    expect(entry?.tags).toEqual(['content', 'sanity:s1:abc'])
    const value = entry?.value as ReturnType<typeof page>
    expect(value.html).toBe('<h1>One</h1>')
    expect(value.rscData.toString()).toBe('rsc <h1>One</h1>')
    expect(value.segmentData.get('/_tree')?.toString()).toBe('tree')
  })

  it('misses everywhere within the refresh interval once a tag of the entry expires, and not for other tags', async () => {
    const [a, b] = [new SharedCache(), new SharedCache()]
    await a.set('/articles/two', page('<h1>Two</h1>'), ['content', 'stock:product-x'])
    expect((await b.get('/articles/two'))?.writtenAt).toBeGreaterThan(0) // B remembers it now

    await a.expireTags(['stock:product-y'])
    await wait(TAGS_REFRESH_MS + 50)
    expect(await b.get('/articles/two')).not.toBeNull()

    await a.expireTags(['stock:product-x'])
    expect(await a.get('/articles/two')).toBeNull() // at once on the instance that expired it
    await wait(TAGS_REFRESH_MS + 50)
    expect(await b.get('/articles/two')).toBeNull()

    // Written again after the expiry, it is served again.
    await b.set('/articles/two', page('<h1>Two, again</h1>'), ['content', 'stock:product-x'])
    expect(((await a.get('/articles/two'))?.value as ReturnType<typeof page>).html).toBe(
      '<h1>Two, again</h1>',
    )
  })

  it('dates an entry from the read that began its render, so a publish during the render expires it', async () => {
    const [a, b] = [new SharedCache(), new SharedCache()]
    expect(await a.get('/articles/racing')).toBeNull() // A misses and starts rendering the old content
    await wait(20)
    await b.expireTags(['sanity:racing']) // an editor publishes while A renders
    await a.set('/articles/racing', page('<h1>Old title</h1>'), ['sanity:racing'])
    await wait(TAGS_REFRESH_MS + 50)
    expect(await a.get('/articles/racing')).toBeNull()
    expect(await b.get('/articles/racing')).toBeNull()

    // The render that began after the publish is kept.
    await a.set('/articles/racing', page('<h1>New title</h1>'), ['sanity:racing'])
    expect(((await b.get('/articles/racing'))?.value as ReturnType<typeof page>).html).toBe(
      '<h1>New title</h1>',
    )
  })

  it('is expired by a write to PostgreSQL from any process (a stock change, through its trigger)', async () => {
    const cache = new SharedCache()
    await cache.set('/products/mask', page('<h1>Mask</h1>'), ['stock:product-mask'])
    expect(await cache.get('/products/mask')).not.toBeNull()
    await db()
      .execute(sql`insert into inventory (product_id, variant_key, on_hand) values ('product-mask', 'navy', 3)
      on conflict (product_id, variant_key) do update set on_hand = inventory.on_hand + 1`)
    await wait(TAGS_REFRESH_MS + 50)
    expect(await cache.get('/products/mask')).toBeNull()

    await cache.set('/products/mask', page('<h1>Mask</h1>'), ['stock:product-mask'])
    await expireCacheTags(['content'])
    await wait(TAGS_REFRESH_MS + 50)
    expect(await cache.get('/products/mask')).not.toBeNull()
  })
})

describe('the stock trigger', () => {
  it('stamps its expiry as the change commits, not when the row changes', async () => {
    const expiredAt = async () =>
      Number(
        (
          await db().execute<{ at: string }>(
            sql`select expired_at as at from page_cache_tags where tag = 'stock:product-quilt'`,
          )
        ).rows[0]?.at ?? 0,
      )
    const before = await expiredAt()
    let changedAt = 0
    await db().transaction(async (tx) => {
      await tx.execute(sql`insert into inventory (product_id, variant_key, on_hand)
        values ('product-quilt', 'king', 2)
        on conflict (product_id, variant_key) do update set on_hand = inventory.on_hand + 1`)
      changedAt = Date.now()
      await wait(50) // a render reading the old stock here must count as before the expiry
    })
    const after = await expiredAt()
    expect(after).toBeGreaterThan(before)
    expect(after).toBeGreaterThanOrEqual(changedAt + 50)
  })
})

describe("Next's cache handler", () => {
  it('keeps pages with their lifetime, and never a page that answered an error', async () => {
    const handler = new PostgresCacheHandler()
    const cacheControl = { revalidate: 60, expire: 3600 }
    const ok = {
      ...page('<h1>Ok</h1>'),
      headers: { 'x-next-cache-tags': 'content,_N_T_/layout' },
      status: 200,
    }
    await handler.set('/route-cache/ok', ok as never, { cacheControl } as never)
    const found = await handler.get('/route-cache/ok', { kind: 'APP_PAGE' } as never)
    expect(found?.cacheControl).toEqual(cacheControl)
    expect((found?.value as unknown as typeof ok).html).toBe('<h1>Ok</h1>')

    const missing = { ...page('<h1>Not found</h1>'), headers: {}, status: 404 }
    await handler.set('/route-cache/made-up-slug', missing as never, { cacheControl } as never)
    expect(await handler.get('/route-cache/made-up-slug', { kind: 'APP_PAGE' } as never)).toBeNull()
    const [{ count }] = (
      await db().execute<{ count: string }>(
        sql`select count(*) from page_cache_entries where key = '/route-cache/made-up-slug'`,
      )
    ).rows
    expect(Number(count)).toBe(0)

    await handler.revalidateTag('_N_T_/layout')
    expect(await handler.get('/route-cache/ok', { kind: 'APP_PAGE' } as never)).toBeNull()
  })
})

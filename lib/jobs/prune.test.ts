import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../db/client'
import {
  checkoutSessions,
  holds,
  outbox,
  pageCacheEntries,
  pageCacheTags,
  stripeEvents,
} from '../db/schema'
import { testDatabase } from '../test/database'
import { KEEP, pruneOldRows } from './prune'

beforeAll(async () => {
  await testDatabase()
})

const DAY = 24 * 60 * 60_000
const now = new Date()
const ago = (ms: number) => new Date(now.getTime() - ms)
const hold = (id: string, status: 'open' | 'released' | 'completed', expiresAt: Date) => ({
  id,
  cartId: `cart-${id}`,
  holder: 'h',
  status,
  lines: [],
  expiresAt,
})

describe('pruning', () => {
  it('removes only finished rows older than their documented age', async () => {
    await db()
      .insert(stripeEvents)
      .values([
        { id: 'evt_old', type: 't', outcome: 'created', receivedAt: ago(KEEP.stripeEvents + DAY) },
        {
          id: 'evt_recent',
          type: 't',
          outcome: 'created',
          receivedAt: ago(KEEP.stripeEvents - DAY),
        },
      ])
    await db()
      .insert(outbox)
      .values([
        { topic: 'order_email', subject: 'done-old', doneAt: ago(KEEP.doneOutboxJobs + DAY) },
        { topic: 'order_email', subject: 'done-recent', doneAt: ago(KEEP.doneOutboxJobs - DAY) },
        {
          topic: 'order_email',
          subject: 'failed-old',
          failedAt: ago(KEEP.doneOutboxJobs + DAY),
          createdAt: ago(90 * DAY),
        },
        {
          topic: 'order_mirror',
          subject: 'due-old',
          createdAt: ago(90 * DAY),
          runAfter: ago(90 * DAY),
        },
      ])
    await db()
      .insert(holds)
      .values([
        hold('released-old', 'released', ago(KEEP.closedHolds + DAY)),
        hold('completed-old', 'completed', ago(KEEP.closedHolds + DAY)),
        hold('released-recent', 'released', ago(KEEP.closedHolds - DAY)),
        hold('open-old', 'open', ago(KEEP.closedHolds + DAY)), // the sweep releases it; pruning never does
      ])
    await db()
      .insert(checkoutSessions)
      .values([
        {
          sessionId: 'cs_old',
          holdId: 'h',
          attempt: 1,
          createdAt: ago(KEEP.checkoutSessions + DAY),
        },
        {
          sessionId: 'cs_recent',
          holdId: 'h',
          attempt: 1,
          createdAt: ago(KEEP.checkoutSessions - DAY),
        },
      ])

    await db()
      .insert(pageCacheEntries)
      .values([
        {
          key: '/old',
          value: Buffer.from('x'),
          tags: [],
          writtenAt: ago(KEEP.pageCache + DAY).getTime(),
        },
        {
          key: '/recent',
          value: Buffer.from('x'),
          tags: [],
          writtenAt: ago(KEEP.pageCache - 60_000).getTime(),
        },
      ])
    await db()
      .insert(pageCacheTags)
      .values([
        { tag: 'old', expiredAt: ago(KEEP.pageCache + DAY).getTime() },
        { tag: 'recent', expiredAt: ago(60_000).getTime() },
      ])

    expect(await pruneOldRows(now)).toEqual({
      stripeEvents: 1,
      outbox: 1,
      holds: 2,
      checkoutSessions: 1,
      pageCache: 1,
      pageCacheTags: 1,
    })
    expect((await db().select().from(stripeEvents)).map((r) => r.id)).toEqual(['evt_recent'])
    expect((await db().select().from(outbox)).map((r) => r.subject).sort()).toEqual([
      'done-recent',
      'due-old',
      'failed-old',
    ])
    expect((await db().select().from(holds)).map((r) => r.id).sort()).toEqual([
      'open-old',
      'released-recent',
    ])
    expect((await db().select().from(checkoutSessions)).map((r) => r.sessionId)).toEqual([
      'cs_recent',
    ])
    expect((await db().select().from(pageCacheEntries)).map((r) => r.key)).toEqual(['/recent'])
    expect((await db().select().from(pageCacheTags)).map((r) => r.tag)).toEqual(['recent'])
    expect(await pruneOldRows(now)).toEqual({
      stripeEvents: 0,
      outbox: 0,
      holds: 0,
      checkoutSessions: 0,
      pageCache: 0,
      pageCacheTags: 0,
    })
  })
})

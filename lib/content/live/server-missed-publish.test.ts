import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBuyingStack } from '../../test/buying-stack'
import {
  bumpContentVersion,
  catchMissedPublish,
  CHECK_EVERY_MS,
  currentContentVersion,
} from './server-content-version'

/** A publish whose content webhook never arrived still reaches every instance's cache, within the check's interval. */
let stack: Awaited<ReturnType<typeof startBuyingStack>>

beforeAll(async () => {
  stack = await startBuyingStack()
})
afterAll(() => stack.stop())

const ARTICLE = 'article-magnesium-restless-legs'
const publish = (title: string) => stack.lake.client.patch(ARTICLE).set({ title }).commit()

describe('the periodic check of published content', () => {
  it('bumps the content version after a publish no webhook reported, and only then', async () => {
    // Checks at times before now, so that a bump (stamped by PostgreSQL with the real time) comes after them.
    const start = Date.now() - 10 * CHECK_EVERY_MS
    const at = (rounds: number) => new Date(start + rounds * CHECK_EVERY_MS)
    await stack.lake.client.createOrReplace({ _id: 'author-temp', _type: 'author', name: 'Temp' })
    expect(await catchMissedPublish(at(0))).toBe('current') // the first check only remembers
    expect(await catchMissedPublish(new Date(at(0).getTime() + 60_000))).toBe('not_due')
    const before = (await currentContentVersion())!

    await publish('Is magnesium good for restless legs? (updated)')
    expect(await catchMissedPublish(at(1.1))).toBe('bumped')
    expect(await currentContentVersion()).toBe(before + 1)
    expect(await catchMissedPublish(at(2.2))).toBe('current') // nothing changed since

    // A delete changes the count, so it is caught too.
    await stack.lake.client.delete('author-temp')
    expect(await catchMissedPublish(at(3.3))).toBe('bumped')
    expect(await currentContentVersion()).toBe(before + 2)

    // A publish the webhook reported: the webhook's bump is enough.
    await publish('Is magnesium good for restless legs?')
    await bumpContentVersion()
    expect(await catchMissedPublish(at(4.4))).toBe('current')
    expect(await currentContentVersion()).toBe(before + 3)
  })
})

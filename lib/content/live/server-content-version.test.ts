import { beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../test/database'
import { bumpContentVersion, currentContentVersion, versionTag } from './server-content-version'

/** A publish seen by one instance moves the cache key of every instance's content fetches. */
beforeAll(async () => {
  await testDatabase()
})

describe('the content version', () => {
  it('is bumped by a publish, and keys fetches by it', async () => {
    const before = (await currentContentVersion())!
    await bumpContentVersion()
    await bumpContentVersion()
    const after = (await currentContentVersion())!
    expect(after).toBe(before + 2)
    expect(versionTag(after)).not.toBe(versionTag(before))
    expect(versionTag(after)).toMatch(/^cv\.\d+$/) // a valid Sanity request tag
  })
})

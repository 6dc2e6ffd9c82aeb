import { beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../test/database'
import { bumpContentVersions, currentContentVersions, versionTag } from './versions'

/** A publish seen by one instance moves the cache key of every instance's fetches of that type. */
beforeAll(async () => {
  await testDatabase()
})

describe('content versions', () => {
  it('bump per type tag, and key fetches by the versions of their tags only', async () => {
    const before = (await currentContentVersions())!
    const key = versionTag(before, ['type:article', 'type:author', 'doc:article-1'])
    await bumpContentVersions(['type:article', 'doc:article-1'])
    const after = (await currentContentVersions())!
    expect(after.get('type:article')).toBe((before.get('type:article') ?? 0) + 1)
    expect(after.has('doc:article-1')).toBe(false) // documents are refreshed by their own instance's tags
    expect(versionTag(after, ['type:article', 'type:author', 'doc:article-1'])).not.toBe(key)
    expect(versionTag(after, ['type:author'])).toBe(versionTag(before, ['type:author']))
    expect(versionTag(after, ['type:article'])).toMatch(/^cv\.[0-9.]+$/) // a valid Sanity request tag
  })
})

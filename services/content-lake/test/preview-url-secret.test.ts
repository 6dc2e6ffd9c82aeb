import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createPreviewSecret } from '@sanity/preview-url-secret/create-secret'
import { validatePreviewUrl } from '@sanity/preview-url-secret'
import { removeDir, startLakeProcess } from './harness'
import { lakeForSuite } from './suite'

const lake = lakeForSuite()

const previewUrl = (secret: string) =>
  `http://localhost:3000/api/draft-mode/enable?sanity-preview-secret=${secret}&sanity-preview-pathname=/articles/x&sanity-preview-perspective=drafts`

describe('preview URL secrets (the Presentation tool and defineEnableDraftMode)', () => {
  it('finds a secret the Studio just wrote, with the one query the draft-mode route sends', async () => {
    const { secret } = await createPreviewSecret(
      lake.client,
      'test',
      'http://localhost:3000/studio',
      'local-editor',
    )
    const result = await validatePreviewUrl(lake.reader, previewUrl(secret))
    expect(result).toMatchObject({
      isValid: true,
      redirectTo: '/articles/x?sanity-preview-perspective=drafts',
      studioOrigin: 'http://localhost:3000',
      studioPreviewPerspective: 'drafts',
    })
    expect((await validatePreviewUrl(lake.reader, previewUrl(`${secret}x`))).isValid).toBe(false)
  })

  it('stamps _updatedAt itself, so a writer cannot make a secret look fresh', async () => {
    await lake.client.createOrReplace({
      _id: 'drafts.old-secret',
      _type: 'sanity.previewUrlSecret',
      secret: 'old-secret-value',
      _updatedAt: new Date().toISOString(),
    } as never)
    const stored = await lake.client.getDocument('drafts.old-secret')
    expect(Date.now() - Date.parse(stored!._updatedAt)).toBeLessThan(5_000)
  })

  it('refuses a secret older than an hour, and the next secret the Studio writes deletes it by query', async () => {
    // Only a snapshot written before the lake starts can hold an old _updatedAt (every write stamps its own).
    const dataDir = mkdtempSync(join(tmpdir(), 'lake-test-'))
    const stale = {
      _id: 'drafts.stale',
      _type: 'sanity.previewUrlSecret',
      _rev: 'r1',
      secret: 'stale-secret',
      studioUrl: 'http://localhost:3000/studio',
    }
    writeFileSync(
      join(dataDir, 'production.ndjson'),
      `${JSON.stringify({ ...stale, _createdAt: '2026-01-01T00:00:00Z', _updatedAt: new Date(Date.now() - 61 * 60_000).toISOString() })}\n`,
    )
    const old = await startLakeProcess({ dataDir })
    try {
      expect(await old.client.getDocument('drafts.stale')).toMatchObject({ secret: 'stale-secret' })
      expect((await validatePreviewUrl(old.reader, previewUrl('stale-secret'))).isValid).toBe(false)
      await createPreviewSecret(old.client, 'test', 'http://localhost:3000/studio')
      expect(
        await old.client.fetch(
          'count(*[_type == "sanity.previewUrlSecret"])',
          {},
          { perspective: 'raw' },
        ),
      ).toBe(1)
      expect(await old.client.getDocument('drafts.stale')).toBeUndefined()
    } finally {
      await old.stop()
      removeDir(dataDir)
    }
  })
})

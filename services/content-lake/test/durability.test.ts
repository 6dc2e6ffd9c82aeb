import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { removeDir, startLakeProcess } from './harness'

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

describe('durability', () => {
  it('keeps every acknowledged write when killed with SIGKILL during a write burst', async () => {
    const first = await startLakeProcess()
    dirs.push(first.dataDir)
    await first.client.createOrReplace({ _id: 'stock', _type: 'counter', value: 0 })
    const acknowledged = new Set<string>()
    let incs = 0
    let stop = false
    const writers = Array.from({ length: 8 }, async (_, worker) => {
      for (let i = 0; !stop; i++) {
        const id = `burst-${worker}-${i}`
        try {
          await first.client
            .transaction()
            .create({ _id: id, _type: 'burst', worker, i })
            .patch('stock', (p) => p.inc({ value: 1 }))
            .commit()
          acknowledged.add(id)
          incs++
        } catch {
          return // the process died under us: this write was never acknowledged
        }
      }
    })
    await new Promise((r) => setTimeout(r, 700))
    await first.kill9()
    stop = true
    await Promise.all(writers)
    expect(acknowledged.size).toBeGreaterThan(20)

    const second = await startLakeProcess({ dataDir: first.dataDir })
    try {
      const ids: string[] = await second.client.fetch('*[_type == "burst"]._id')
      const present = new Set(ids)
      const lost = [...acknowledged].filter((id) => !present.has(id))
      expect(lost).toEqual([])
      // The counter was incremented in the same transactions: it matches the documents that exist.
      const value = await second.client.fetch('*[_id == "stock"][0].value')
      expect(value).toBe(present.size)
      expect(value).toBeGreaterThanOrEqual(incs)
      // The snapshot on disk is valid NDJSON after recovery.
      const lines = readFileSync(join(first.dataDir, 'production.ndjson'), 'utf8')
        .trim()
        .split('\n')
      expect(() => lines.map((line) => JSON.parse(line))).not.toThrow()
    } finally {
      await second.stop()
    }
  })

  it('seeds an empty dataset from NDJSON, uploading _sanityAsset files, only once', async () => {
    const { mkdtempSync, writeFileSync, mkdirSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'seed-'))
    dirs.push(dir)
    mkdirSync(join(dir, 'images'))
    writeFileSync(
      join(dir, 'images', 'dot.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10"/>',
    )
    writeFileSync(
      join(dir, 'seed.ndjson'),
      [
        {
          _id: 'a',
          _type: 'thing',
          picture: { _type: 'image', alt: 'dot', _sanityAsset: 'image@file://./images/dot.svg' },
        },
        { _id: 'b', _type: 'thing' },
      ]
        .map((d) => JSON.stringify(d))
        .join('\n'),
    )
    const lake = await startLakeProcess({ seed: join(dir, 'seed.ndjson') })
    dirs.push(lake.dataDir)
    const doc = await lake.client.fetch(
      '*[_id == "a"][0]{ "alt": picture.alt, "ref": picture.asset._ref, "w": picture.asset->metadata.dimensions.width }',
    )
    expect(doc).toEqual({
      alt: 'dot',
      ref: expect.stringMatching(/^image-[a-f0-9]{40}-10x10-svg$/),
      w: 10,
    })
    await lake.client.delete('b')
    await lake.stop()
    const again = await startLakeProcess({ dataDir: lake.dataDir, seed: join(dir, 'seed.ndjson') })
    expect(await again.client.getDocument('b')).toBeUndefined() // not re-seeded over existing data
    await again.stop()
  })
})

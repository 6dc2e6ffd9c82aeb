import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { AssetStore } from './assets'
import type { Dataset } from './dataset'
import type { SanityDocument } from './store'

const ASSET_REF = /^(image|file)@file:\/\/(.+)$/

/**
 * Imports an NDJSON file the way `sanity dataset import` does: every `_sanityAsset`
 * (`image@file://./images/x.svg`, relative to the file) becomes an uploaded asset and a
 * reference to it. Runs as one transaction, so a failed seed leaves the dataset empty.
 */
export async function importNdjson(path: string, dataset: Dataset, assets: AssetStore) {
  const base = dirname(resolve(path))
  const assetDocs = new Map<string, SanityDocument>()
  const docs = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as SanityDocument)
    .map(
      (doc) =>
        replaceAssets(doc, (kind, file) => {
          const bytes = readFileSync(resolve(base, file))
          const asset = assets.save(
            kind === 'image' ? 'images' : 'files',
            dataset.name,
            bytes,
            file.split('/').pop(),
          )
          assetDocs.set(asset._id, asset)
          return asset._id
        }) as SanityDocument,
    )
  const mutations = [
    ...[...assetDocs.values()].map((doc) => ({ createIfNotExists: doc })),
    ...docs.map((doc) => ({ createOrReplace: doc })),
  ]
  await dataset.mutate(mutations)
  return docs.length
}

function replaceAssets(value: unknown, upload: (kind: string, file: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => replaceAssets(item, upload))
  if (typeof value !== 'object' || value === null) return value
  const { _sanityAsset, ...rest } = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(rest)) out[key] = replaceAssets(child, upload)
  if (typeof _sanityAsset === 'string') {
    const match = ASSET_REF.exec(_sanityAsset)
    if (!match) throw new Error(`Unsupported _sanityAsset "${_sanityAsset}"`)
    out.asset = { _type: 'reference', _ref: upload(match[1], match[2]) }
  }
  return out
}

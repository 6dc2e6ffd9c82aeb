import { badRequest } from './errors'
import type { SanityDocument } from './store'

/**
 * A perspective is a stack of layers, highest priority first: `published` shows only
 * published ids; `drafts` lays `drafts.<id>` over `<id>`; a release stack like
 * `rABC,drafts` lays `versions.rABC.<id>` over both. `raw` shows every stored document.
 */
export type Perspective = { kind: 'raw' } | { kind: 'stack'; layers: string[] }

const DRAFTS = 'drafts'
const PUBLISHED = 'published'

export function parsePerspective(
  value: string | null | undefined,
  apiVersion: string,
): Perspective {
  // Since API v2025-02-19 the default is `published`; older versions default to `raw`.
  const fallback = apiVersion === 'X' || apiVersion >= '2025-02-19' ? PUBLISHED : 'raw'
  const raw = (value ?? '').trim() || fallback
  if (raw === 'raw') return { kind: 'raw' }
  if (raw === 'previewDrafts' || raw === DRAFTS)
    return { kind: 'stack', layers: [DRAFTS, PUBLISHED] }
  if (raw === PUBLISHED) return { kind: 'stack', layers: [PUBLISHED] }
  const layers = raw
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((s) => s.trim().replace(/^"|"$/g, ''))
    .filter(Boolean)
  if (layers.length === 0 || layers.some((l) => !/^[A-Za-z0-9_-]+$/.test(l) || l === 'raw')) {
    throw badRequest(`Invalid perspective "${raw}"`, 'queryParseError')
  }
  if (!layers.includes(PUBLISHED)) layers.push(PUBLISHED)
  return { kind: 'stack', layers }
}

export function needsToken(p: Perspective) {
  return p.kind === 'raw' || p.layers.some((l) => l !== PUBLISHED)
}

export function publishedId(id: string) {
  if (id.startsWith('drafts.')) return id.slice('drafts.'.length)
  const version = /^versions\.[^.]+\.(.+)$/.exec(id)
  return version ? version[1] : id
}

function layerOf(id: string): string {
  if (id.startsWith('drafts.')) return DRAFTS
  const version = /^versions\.([^.]+)\./.exec(id)
  return version ? version[1] : PUBLISHED
}

/** The documents a query sees through the perspective. */
export function applyPerspective(docs: SanityDocument[], p: Perspective): SanityDocument[] {
  if (p.kind === 'raw') return docs
  const rank = new Map(p.layers.map((layer, index) => [layer, index]))
  const winners = new Map<string, { doc: SanityDocument; rank: number }>()
  for (const doc of docs) {
    const r = rank.get(layerOf(doc._id))
    if (r === undefined) continue
    const base = publishedId(doc._id)
    const current = winners.get(base)
    if (!current || r < current.rank) winners.set(base, { doc, rank: r })
  }
  const published = p.layers.length === 1
  // Beyond `published`, every document carries `_originalId`: the id it is stored under.
  return [...winners.values()].map(({ doc }) =>
    published ? doc : { ...doc, _id: publishedId(doc._id), _originalId: doc._id },
  )
}

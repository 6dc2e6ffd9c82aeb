import { Mutation } from '@sanity/mutator'
import { badRequest, mutationFailed } from './errors'
import { isValidDocumentId, randomId } from './ids'
import type { SanityDocument } from './store'

const KINDS = ['create', 'createOrReplace', 'createIfNotExists', 'delete', 'patch'] as const
type Kind = (typeof KINDS)[number]
type Operation = 'create' | 'update' | 'delete' | 'none'

export type MutationResult = { id: string; operation: Operation; document?: SanityDocument }

export type PlannedTransaction = {
  transactionId: string
  timestamp: string
  results: MutationResult[]
  /** Every document the transaction touched, with its state before and after. */
  changes: Array<{ id: string; before: SanityDocument | null; after: SanityDocument | null }>
  /** The mutations that touched each document, with ids resolved (for listener events). */
  mutationsById: Map<string, Array<Record<string, unknown>>>
}

type Resolver = (query: string, params: Record<string, unknown>) => Promise<string[]>

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Plans a transaction against the current documents without touching them: every mutation
 * is applied with @sanity/mutator to a working copy, and any failure rejects the whole
 * transaction, so the caller commits all of it or nothing.
 */
export async function planTransaction(
  input: unknown,
  read: (id: string) => SanityDocument | null,
  resolveQuery: Resolver,
  options: { transactionId?: string; autoGenerateArrayKeys?: boolean } = {},
): Promise<PlannedTransaction> {
  if (!Array.isArray(input) || input.length === 0) {
    throw badRequest('"mutations" must be a non-empty array of mutations')
  }
  const transactionId = options.transactionId ?? randomId()
  const timestamp = new Date().toISOString()
  const working = new Map<string, SanityDocument | null>()
  const original = new Map<string, SanityDocument | null>()
  const mutationsById = new Map<string, Array<Record<string, unknown>>>()
  const results: MutationResult[] = []

  const current = (id: string) => (working.has(id) ? working.get(id)! : read(id))
  const write = (id: string, doc: SanityDocument | null, mutation: Record<string, unknown>) => {
    if (!original.has(id)) original.set(id, read(id))
    working.set(id, doc)
    mutationsById.set(id, [...(mutationsById.get(id) ?? []), mutation])
  }
  const apply = (id: string, mutation: Record<string, unknown>, index: number) => {
    try {
      const next = new Mutation({
        mutations: [structuredClone(mutation)],
        transactionId,
        resultRev: transactionId,
        timestamp,
      }).apply(current(id)) as SanityDocument | null
      if (next && (next._id !== id || typeof next._type !== 'string')) {
        throw new Error('A mutation may not change _id or remove _type')
      }
      return next
    } catch (error) {
      throw mutationFailed(400, 'invalidMutationError', (error as Error).message, index, id)
    }
  }

  for (const [index, raw] of input.entries()) {
    if (!isObject(raw)) throw badRequest(`Mutation ${index} is not an object`)
    const kinds = Object.keys(raw).filter((k): k is Kind =>
      (KINDS as readonly string[]).includes(k),
    )
    if (kinds.length !== 1 || Object.keys(raw).length !== 1 || !isObject(raw[kinds[0]])) {
      throw badRequest(`Mutation ${index} must have exactly one of: ${KINDS.join(', ')}`)
    }
    const kind = kinds[0]
    const body = structuredClone(raw[kind]) as Record<string, unknown>
    if (options.autoGenerateArrayKeys) addMissingKeys(body)

    if (kind === 'create' || kind === 'createOrReplace' || kind === 'createIfNotExists') {
      if (typeof body._type !== 'string' || body._type === '') {
        throw mutationFailed(400, 'invalidMutationError', 'Document is missing "_type"', index)
      }
      if (
        kind === 'create' &&
        (body._id === undefined || (typeof body._id === 'string' && body._id.endsWith('.')))
      ) {
        body._id = `${(body._id as string | undefined) ?? ''}${randomId()}`
      }
      const id = body._id
      if (!isValidDocumentId(id)) {
        throw mutationFailed(
          400,
          'invalidMutationError',
          `Invalid document id ${JSON.stringify(id)}`,
          index,
        )
      }
      delete body._rev
      const exists = current(id) !== null
      if (kind === 'create' && exists) {
        throw mutationFailed(
          409,
          'documentAlreadyExistsError',
          `Document by ID "${id}" already exists`,
          index,
          id,
        )
      }
      if (kind === 'createIfNotExists' && exists) {
        results.push({ id, operation: 'none' })
        continue
      }
      const mutation = { [kind]: body }
      write(id, apply(id, mutation, index), mutation)
      results.push({ id, operation: exists ? 'update' : 'create' })
      continue
    }

    const ids = await targetIds(body, index, resolveQuery)
    for (const id of ids) {
      if (kind === 'delete') {
        const exists = current(id) !== null
        if (exists) write(id, null, { delete: { id } })
        results.push({ id, operation: exists ? 'delete' : 'none' })
        continue
      }
      const doc = current(id)
      if (!doc) {
        throw mutationFailed(404, 'documentNotFoundError', `Document "${id}" not found`, index, id)
      }
      if (body.ifRevisionID !== undefined && body.ifRevisionID !== doc._rev) {
        throw mutationFailed(
          409,
          'conflictError',
          `Document "${id}" has unexpected revision ID ("${doc._rev}"), blocking mutation with ifRevisionID "${String(body.ifRevisionID)}"`,
          index,
          id,
        )
      }
      validatePatch(body, index, id)
      const { query: _q, params: _p, ifRevisionID: _r, ...operations } = body
      const mutation = { patch: { ...operations, id } }
      write(id, apply(id, mutation, index), mutation)
      results.push({ id, operation: 'update' })
    }
  }

  const changes = [...original.entries()]
    .map(([id, before]) => ({ id, before, after: working.get(id) ?? null }))
    .filter(({ before, after }) => before !== after)
  for (const result of results) {
    const after = working.has(result.id) ? working.get(result.id) : read(result.id)
    if (after) result.document = after
  }
  return { transactionId, timestamp, results, changes, mutationsById }
}

async function targetIds(body: Record<string, unknown>, index: number, resolve: Resolver) {
  if (typeof body.id === 'string') {
    if (!isValidDocumentId(body.id)) {
      throw mutationFailed(
        400,
        'invalidMutationError',
        `Invalid document id ${JSON.stringify(body.id)}`,
        index,
      )
    }
    return [body.id]
  }
  if (typeof body.query === 'string') {
    const params = isObject(body.params) ? body.params : {}
    return resolve(body.query, params)
  }
  throw mutationFailed(400, 'invalidMutationError', 'Mutation needs an "id" or a "query"', index)
}

const PATCH_KEYS = new Set([
  'id',
  'query',
  'params',
  'ifRevisionID',
  'set',
  'setIfMissing',
  'unset',
  'inc',
  'dec',
  'insert',
  'diffMatchPatch',
])

function validatePatch(body: Record<string, unknown>, index: number, id: string) {
  const fail = (message: string) => {
    throw mutationFailed(400, 'invalidMutationError', message, index, id)
  }
  for (const key of Object.keys(body))
    if (!PATCH_KEYS.has(key)) fail(`Unknown patch operation "${key}"`)
  for (const op of ['set', 'setIfMissing', 'inc', 'dec', 'diffMatchPatch'] as const) {
    if (body[op] !== undefined && !isObject(body[op])) fail(`"${op}" must be an object`)
  }
  for (const op of ['inc', 'dec'] as const) {
    for (const value of Object.values((body[op] as Record<string, unknown>) ?? {})) {
      if (typeof value !== 'number' || !Number.isFinite(value))
        fail(`"${op}" values must be finite numbers`)
    }
  }
  if (
    body.unset !== undefined &&
    (!Array.isArray(body.unset) || body.unset.some((p) => typeof p !== 'string'))
  ) {
    fail('"unset" must be an array of paths')
  }
  if (body.insert !== undefined) {
    const insert = body.insert as Record<string, unknown>
    if (!isObject(insert) || !Array.isArray(insert.items))
      fail('"insert" needs "items" and one of before/after/replace')
  }
  for (const path of Object.keys({ ...(body.set as object), ...(body.setIfMissing as object) })) {
    if (path === '_id' || path === '_type' || path === '_rev') fail(`"${path}" cannot be patched`)
  }
}

/** Mirrors the API's `autoGenerateArrayKeys`: objects in arrays get a `_key` if they lack one. */
function addMissingKeys(value: unknown) {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isObject(item) && typeof item._key !== 'string') item._key = randomId(12)
      addMissingKeys(item)
    }
  } else if (isObject(value)) {
    for (const child of Object.values(value)) addMissingKeys(child)
  }
}

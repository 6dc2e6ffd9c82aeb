import type { ExprNode } from 'groq-js'
import type { CommittedTransaction, SanityDocument } from './store'

/**
 * Sync tags, as Sanity's Live Content API uses them: a query answer carries the tags of what it
 * depends on, and a live event carries the tags of what a transaction changed; a cached answer
 * is stale when the two intersect.
 *
 * Ours are per document type, plus one dataset-wide tag, because they must be conservative: an
 * answer must be invalidated by any change that could alter it, including a document that does
 * not exist yet (a query for a missing slug that returned null must refresh when the article
 * appears). Tags from the documents in an answer could never do that; tags from the types a
 * query's filters name can. So:
 *
 * - `*[_type == "x" …]` or `*[_type in ["x", "y"] …]` depends on those types;
 * - a dereference (`->`) reaches documents by id, of types the query does not name: it depends on
 *   the types that the named types' documents reference, transitively, and on everything if
 *   one of those references points at a missing document (its type is unknown until it appears);
 * - any other `*` (a filter by id, by `references()`, none at all) depends on everything.
 *
 * Every event carries the dataset-wide tag, so a query that depends on everything is refreshed
 * by every change, and a query limited to types only by a change to one of them.
 */
export type SyncTag = `s1:${string}`

const DATASET_TAG: SyncTag = 's1:dataset'
const typeTag = (type: string): SyncTag => `s1:type:${type}`

type Node = { type: string; [key: string]: unknown }

/** What a parsed query depends on, before references are followed. */
type Dependencies = { types: Set<string>; everything: boolean; derefs: boolean }

export function queryDependencies(tree: ExprNode): Dependencies {
  const found: Dependencies = { types: new Set(), everything: false, derefs: false }
  visit(tree as unknown as Node, found)
  return found
}

function visit(node: unknown, found: Dependencies): void {
  if (Array.isArray(node)) return node.forEach((child) => visit(child, found))
  if (!node || typeof node !== 'object') return
  const n = node as Node
  if (n.type === 'Filter' && (n.base as Node | undefined)?.type === 'Everything') {
    const types = typeConstraint(n.expr as Node)
    if (types) types.forEach((type) => found.types.add(type))
    else found.everything = true
    return visit(n.expr, found)
  }
  if (n.type === 'Everything') found.everything = true
  if (n.type === 'Deref') found.derefs = true
  for (const value of Object.values(n)) if (value && typeof value === 'object') visit(value, found)
}

/** The types a filter admits, when one of its top-level `&&` terms limits `_type` to literals. */
function typeConstraint(expr: Node): string[] | null {
  for (const term of conjuncts(expr)) {
    if (term.type !== 'OpCall') continue
    const left = term.left as Node
    const right = term.right as Node
    if (term.op === '==') {
      if (isTypeField(left) && isString(right)) return [right.value as string]
      if (isTypeField(right) && isString(left)) return [left.value as string]
    }
    if (term.op === 'in' && isTypeField(left)) {
      const values =
        right.type === 'Array'
          ? (right.elements as Node[]).map((e) => (e.isSplat ? null : (e.value as Node)))
          : [right]
      const strings = values.flatMap((v) => (v && v.type === 'Value' ? [v.value].flat() : [null]))
      if (strings.every((s): s is string => typeof s === 'string')) return strings
    }
  }
  return null
}

function conjuncts(expr: Node): Node[] {
  if (expr.type === 'And')
    return [...conjuncts(expr.left as Node), ...conjuncts(expr.right as Node)]
  if (expr.type === 'Group') return conjuncts(expr.base as Node)
  return [expr]
}

const isTypeField = (n: Node) => n.type === 'AccessAttribute' && n.name === '_type' && !n.base
const isString = (n: Node) => n.type === 'Value' && typeof n.value === 'string'

/** For each document type: the types its documents reference, and whether one of them points at a missing document. */
export type ReferenceIndex = Map<string, { targets: Set<string>; dangling: boolean }>

export function referenceIndex(docs: SanityDocument[]): ReferenceIndex {
  const typeOf = new Map(docs.map((doc) => [doc._id, doc._type]))
  const index: ReferenceIndex = new Map()
  for (const doc of docs) {
    let entry = index.get(doc._type)
    if (!entry) index.set(doc._type, (entry = { targets: new Set(), dangling: false }))
    for (const ref of references(doc)) {
      const target = typeOf.get(ref)
      if (target) entry.targets.add(target)
      else entry.dangling = true
    }
  }
  return index
}

function references(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => references(item, found))
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '_ref' && typeof child === 'string') found.push(child)
      else if (child && typeof child === 'object') references(child, found)
    }
  }
  return found
}

/** The sync tags of a query's answer (see the top of this file). */
export function syncTagsOf(deps: Dependencies, index: () => ReferenceIndex): SyncTag[] {
  const types = new Set(deps.types)
  let everything = deps.everything || (deps.derefs && types.size === 0)
  if (deps.derefs && !everything) {
    const refs = index()
    const queue = [...types]
    for (let type = queue.pop(); type !== undefined; type = queue.pop()) {
      const entry = refs.get(type)
      if (entry?.dangling) everything = true
      for (const target of entry?.targets ?? []) {
        if (!types.has(target)) queue.push(target)
        types.add(target)
      }
    }
  }
  return everything ? [DATASET_TAG] : [...types].sort().map(typeTag)
}

/**
 * The tags of one committed transaction as a stream sees it, or none when the stream sees none
 * of its documents. `visible` decides which document ids the stream may hear about.
 */
export function transactionTags(
  tx: CommittedTransaction,
  visible: (id: string) => boolean,
): SyncTag[] {
  const types = new Set<string>()
  for (const { id, before, after } of tx.changes) {
    if (!visible(id)) continue
    for (const doc of [before, after]) if (doc) types.add(doc._type)
  }
  return types.size === 0 ? [] : [...[...types].sort().map(typeTag), DATASET_TAG]
}

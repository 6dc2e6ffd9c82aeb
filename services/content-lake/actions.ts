import { badRequest, LakeError } from './errors'
import { publishedId } from './perspective'
import type { SanityDocument } from './store'

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const conflict = (description: string) => new LakeError(409, 'conflictError', description)

/** The copy of a document under another id, without the fields the lake sets on every write. */
function copyAs(doc: SanityDocument, id: string): SanityDocument {
  const { _rev: _r, _updatedAt: _u, _createdAt: _c, ...rest } = doc
  return { ...rest, _id: id }
}

function requireString(action: Record<string, unknown>, field: string): string {
  const value = action[field]
  if (typeof value !== 'string' || value === '')
    throw badRequest(`"${field}" is required for ${String(action.actionType)}`)
  return value
}

/**
 * Translates the Actions API (what Sanity Studio sends to edit, publish, unpublish, discard and
 * delete) into ordinary mutations, run as one transaction with the Studio's `transactionId`
 * so its listener sees its own edit confirmed.
 */
export function actionsToMutations(
  input: unknown,
  read: (id: string) => SanityDocument | null,
): Array<Record<string, unknown>> {
  const actions = Array.isArray(input) ? input : [input]
  if (actions.length === 0 || !actions.every(isObject))
    throw badRequest('"actions" must be an action or a non-empty array of actions')
  const mutations: Array<Record<string, unknown>> = []
  // Later actions in one request see what earlier ones did.
  const pending = new Map<string, SanityDocument | null>()
  const current = (id: string) => (pending.has(id) ? pending.get(id)! : read(id))

  for (const action of actions as Array<Record<string, unknown>>) {
    switch (action.actionType) {
      case 'sanity.action.document.create': {
        const attributes = action.attributes
        if (
          !isObject(attributes) ||
          typeof attributes._id !== 'string' ||
          typeof attributes._type !== 'string'
        ) {
          throw badRequest('"attributes" must be a document with _id and _type')
        }
        if (publishedId(attributes._id) !== requireString(action, 'publishedId'))
          throw badRequest('attributes._id does not belong to publishedId')
        const exists = current(attributes._id) !== null
        if (exists && action.ifExists !== 'ignore')
          throw conflict(`Document by ID "${attributes._id}" already exists`)
        if (!exists) {
          mutations.push({ create: attributes })
          pending.set(attributes._id, attributes as SanityDocument)
        }
        break
      }
      case 'sanity.action.document.edit': {
        const draftId = requireString(action, 'draftId')
        const published = requireString(action, 'publishedId')
        if (!isObject(action.patch)) throw badRequest('"patch" must be an object')
        if (!current(draftId)) {
          const base = current(published)
          if (!base)
            throw new LakeError(
              404,
              'notFoundError',
              `Cannot edit "${draftId}": neither it nor "${published}" exists`,
            )
          const draft = copyAs(base, draftId)
          mutations.push({ createIfNotExists: draft })
          pending.set(draftId, draft)
        }
        mutations.push({ patch: { ...action.patch, id: draftId } })
        break
      }
      case 'sanity.action.document.publish': {
        const draftId = requireString(action, 'draftId')
        const published = requireString(action, 'publishedId')
        const draft = current(draftId)
        if (!draft) throw conflict(`Cannot publish: "${draftId}" does not exist`)
        const live = current(published)
        if (
          action.ifPublishedRevisionId !== undefined &&
          action.ifPublishedRevisionId !== (live?._rev ?? undefined)
        ) {
          throw conflict(`Document "${published}" has changed since it was last read`)
        }
        if (action.ifDraftRevisionId !== undefined && action.ifDraftRevisionId !== draft._rev) {
          throw conflict(`Document "${draftId}" has changed since it was last read`)
        }
        mutations.push({ createOrReplace: copyAs(draft, published) }, { delete: { id: draftId } })
        pending.set(published, draft)
        pending.set(draftId, null)
        break
      }
      case 'sanity.action.document.unpublish': {
        const draftId = requireString(action, 'draftId')
        const published = requireString(action, 'publishedId')
        const live = current(published)
        if (!live) throw conflict(`Cannot unpublish: "${published}" is not published`)
        if (!current(draftId)) mutations.push({ createIfNotExists: copyAs(live, draftId) })
        mutations.push({ delete: { id: published } })
        pending.set(published, null)
        break
      }
      case 'sanity.action.document.discard': {
        const draftId = requireString(action, 'draftId')
        if (!current(draftId)) throw conflict(`Cannot discard: "${draftId}" does not exist`)
        mutations.push({ delete: { id: draftId } })
        pending.set(draftId, null)
        break
      }
      case 'sanity.action.document.delete': {
        const published = requireString(action, 'publishedId')
        const drafts = Array.isArray(action.includeDrafts)
          ? action.includeDrafts.filter((id): id is string => typeof id === 'string')
          : []
        for (const id of [published, ...drafts]) {
          if (current(id)) mutations.push({ delete: { id } })
          pending.set(id, null)
        }
        break
      }
      case 'sanity.action.document.replaceDraft': {
        const published = requireString(action, 'publishedId')
        const attributes = action.attributes
        if (!isObject(attributes) || typeof attributes._type !== 'string')
          throw badRequest('"attributes" must be a document with _type')
        const draftId = typeof attributes._id === 'string' ? attributes._id : `drafts.${published}`
        mutations.push({ createOrReplace: { ...attributes, _id: draftId } })
        pending.set(draftId, attributes as SanityDocument)
        break
      }
      default:
        throw badRequest(
          `Unsupported action type ${JSON.stringify(action.actionType)} (releases and versions are not supported locally)`,
        )
    }
  }
  if (mutations.length === 0) throw badRequest('The actions changed nothing')
  return mutations
}

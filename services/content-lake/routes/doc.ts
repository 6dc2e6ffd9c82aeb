import { requireRead, type ApiContext } from '../context'
import { badRequest } from '../errors'
import { sendJson } from '../http'
import type { RouteParams } from '../../http/router'

/** `GET /data/doc/:dataset/:ids`: documents by id, and which were omitted and why. */
export function getDocuments(ctx: ApiContext, { named }: RouteParams) {
  const ds = ctx.lake.dataset(named.dataset)
  requireRead(ctx)
  const ids = (named.ids ?? '').split(',').filter(Boolean)
  if (ids.length === 0) throw badRequest('No document ids given')
  const documents = []
  const omitted = []
  for (const id of ids) {
    const doc = ds.store.get(id)
    // Without a token, no document under a path: drafts, versions, or the store's private `orders.…`.
    const hidden = ctx.access === 'none' && id.includes('.')
    if (doc && !hidden) documents.push(doc)
    else omitted.push({ id, reason: hidden ? 'permission' : 'existence' })
  }
  sendJson(ctx.res, 200, { documents, omitted })
}

/** `GET /data/history/:dataset/…`: just enough for the Studio's panels, the current revision and no past transactions. */
export function history(ctx: ApiContext, { named, rest }: RouteParams) {
  const ds = ctx.lake.dataset(named.dataset)
  requireRead(ctx)
  if (rest[0] === 'documents' && rest[1]) {
    const docs = rest[1].split(',').flatMap((id) => (ds.store.get(id) ? [ds.store.get(id)] : []))
    return sendJson(ctx.res, 200, { documents: docs })
  }
  if (rest[0] === 'transactions') {
    ctx.res.writeHead(200, { 'content-type': 'application/x-ndjson' })
    return ctx.res.end()
  }
  return sendJson(ctx.res, 200, { events: {}, nextCursor: '' })
}

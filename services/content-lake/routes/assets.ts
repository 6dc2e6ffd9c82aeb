import { mimeFor, type AssetKind } from '../assets'
import { DATASET_NAME } from '../dataset'
import { requireWrite, type ApiContext, type RootContext } from '../context'
import { notFound } from '../errors'
import { ASSET_LIMIT, PUBLIC_ASSET_CORS, assetHeaders, readBody, sendJson } from '../http'
import type { RouteParams } from '../../http/router'

/** `POST /assets/images/:dataset`, `/assets/files/:dataset`: stores the bytes and creates their asset document. */
export function upload(kind: AssetKind) {
  return async (ctx: ApiContext, { named }: RouteParams) => {
    const ds = ctx.lake.dataset(named.dataset)
    requireWrite(ctx, 'Uploading assets requires a token with write access')
    const bytes = await readBody(ctx.req, ASSET_LIMIT)
    const filename = ctx.url.searchParams.get('filename') ?? undefined
    const asset = ctx.lake.assets.save(kind, ds.name, bytes, filename)
    await ds.mutate([{ createIfNotExists: asset }])
    sendJson(ctx.res, 200, { document: ds.store.get(asset._id) })
  }
}

/**
 * `GET /images/:project/:dataset/:file`, `/files/…`: unversioned, like Sanity's CDN, and public.
 * Transform parameters (w, h, fit, auto…) are ignored: the original bytes are served.
 */
export function serveAsset({ lake, res }: RootContext, { named }: RouteParams) {
  const datasetName = named.dataset ?? ''
  const name = named.file ?? ''
  const bytes = DATASET_NAME.test(datasetName) ? lake.assets.read(datasetName, name) : null
  if (!bytes) throw notFound('Asset not found')
  res.writeHead(200, {
    'content-type': mimeFor(name),
    'content-length': bytes.length,
    'cache-control': 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
    ...PUBLIC_ASSET_CORS,
    ...assetHeaders(mimeFor(name), name),
  })
  res.end(bytes)
}

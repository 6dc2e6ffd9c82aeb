import { actionsToMutations } from '../actions'
import { requireWrite, type ApiContext } from '../context'
import { LakeError, badRequest } from '../errors'
import { readJson, sendJson } from '../http'
import type { RouteParams } from '../../http/router'
import type { SanityDocument } from '../store'

const TRANSACTION_ID = /^[A-Za-z0-9_-]{1,64}$/

/** A client-chosen transaction id (the Studio confirms its own edits by it), if it is well formed. */
const transactionIdOf = (value: unknown) =>
  typeof value === 'string' && TRANSACTION_ID.test(value) ? value : undefined

/** `POST /data/mutate/:dataset`: one all-or-nothing transaction of mutations. */
export async function mutate(ctx: ApiContext, { named }: RouteParams) {
  const ds = ctx.lake.dataset(named.dataset)
  requireWrite(ctx, 'Mutations require a token with write access')
  if (Math.random() < ctx.lake.faults.refuseMutations)
    throw new LakeError(429, 'rateLimitError', 'API rate limit exceeded')
  const body = (await readJson(ctx.req)) as { mutations?: unknown; transactionId?: unknown } | null
  const search = ctx.url.searchParams
  const { transactionId, results } = await ds.mutate(body?.mutations, {
    transactionId: transactionIdOf(body?.transactionId),
    dryRun: search.get('dryRun') === 'true',
    autoGenerateArrayKeys: search.get('autoGenerateArrayKeys') === 'true',
  })
  const returnDocuments = search.get('returnDocuments') !== 'false'
  sendJson(ctx.res, 200, {
    transactionId,
    results: results.map(({ id, operation, document }) =>
      returnDocuments ? { id, operation, document } : { id, operation },
    ),
  })
}

/** `POST /data/actions/:dataset`: the Actions API the Studio writes with, run as one transaction. */
export async function actions(ctx: ApiContext, { named }: RouteParams) {
  const ds = ctx.lake.dataset(named.dataset)
  requireWrite(ctx, 'Actions require a token with write access')
  const body = (await readJson(ctx.req)) as {
    actions?: unknown
    transactionId?: unknown
    dryRun?: unknown
  } | null
  const result = await ds.mutate(
    (read: (id: string) => SanityDocument | null) => actionsToMutations(body?.actions, read),
    {
      transactionId: transactionIdOf(body?.transactionId),
      dryRun: body?.dryRun === true,
    },
  )
  sendJson(ctx.res, 200, { transactionId: result.transactionId })
}

/**
 * `POST /_test/faults` (write token only): `{ "refuseMutations": 0.5 }` answers that share of
 * mutations with Sanity's 429, which @sanity/client does not retry, so tests can show the
 * store's own retries.
 */
export async function setFaults(ctx: ApiContext) {
  requireWrite(ctx, 'Faults require a token with write access')
  const body = (await readJson(ctx.req)) as { refuseMutations?: unknown } | null
  const share = body?.refuseMutations
  if (typeof share !== 'number' || share < 0 || share > 1)
    throw badRequest('"refuseMutations" must be a number from 0 to 1')
  ctx.lake.faults.refuseMutations = share
  sendJson(ctx.res, 200, ctx.lake.faults)
}

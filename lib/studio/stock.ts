import 'server-only'
import type { NextRequest } from 'next/server'
import { z } from 'zod'
import { readJson } from '../http/body'
import { isSameOrigin } from '../http/client'
import { HttpError } from '../http/errors'
import { refKey } from '../inventory/available'
import {
  MAX_ON_HAND,
  publishedProduct,
  recordStockChange,
  stockHistory,
  type StockChange,
} from '../inventory/changes'
import { stockLevels, type Level } from '../inventory/levels'
import { studioEditor, type StudioEditor } from './editor'

// The Studio's stock view and its changes (app/api/studio/stock): stock is not content, so the lake does not hold it.

const productId = z
  .string()
  .regex(
    /^(?!drafts\.|versions\.)[A-Za-z0-9][\w.-]{0,127}$/,
    'must be the id of a published product',
  )
const common = {
  requestId: z.uuid(),
  productId,
  variantKey: z.string().regex(/^[\w-]{1,64}$/, 'must be a variant key'),
  note: z.string().trim().max(500).optional(),
}
export const stockChangeBody = z.discriminatedUnion('kind', [
  z.object({
    ...common,
    kind: z.literal('restock'),
    quantity: z.number().int().min(1).max(MAX_ON_HAND),
  }),
  z.object({
    ...common,
    kind: z.literal('correction'),
    onHand: z.number().int().min(0).max(MAX_ON_HAND),
  }),
])

type Options = { sanityApiHost?: string }

const EMPTY: Level = { onHand: 0, held: 0, sold: 0, available: 0 }

/** How a change names its editor in the history: a Sanity user by name and id, the local editor by name. */
const editorLabel = (editor: StudioEditor) =>
  editor.name === editor.id || editor.id === 'local-editor'
    ? editor.name
    : `${editor.name} (${editor.id})`

const shown = ({
  id,
  variantKey,
  kind,
  fromOnHand,
  toOnHand,
  editor,
  note,
  createdAt,
}: StockChange) => ({
  id,
  variantKey,
  kind,
  fromOnHand,
  toOnHand,
  editor,
  note,
  createdAt: createdAt.toISOString(),
})

/** GET: each published variant's counts, the product's latest changes, and whether the asker may change them. */
export async function studioStock(req: NextRequest, options: Options = {}) {
  const editor = await studioEditor(req, options)
  const id = productId.safeParse(req.nextUrl.searchParams.get('productId'))
  if (!id.success) throw new HttpError(400, 'Give ?productId= the id of a published product')
  const product = await publishedProduct(id.data)
  if (!product)
    throw new HttpError(404, 'This product is not published yet; its stock can be kept once it is')
  const variants = product.variants ?? []
  const [levels, changes] = await Promise.all([
    stockLevels(variants.map((variant) => ({ productId: product._id, variantKey: variant._key }))),
    stockHistory(product._id),
  ])
  return {
    product: { id: product._id, title: product.title },
    variants: variants.map((variant) => ({
      key: variant._key,
      title: variant.title,
      sku: variant.sku,
      ...(levels.get(refKey({ productId: product._id, variantKey: variant._key })) ?? EMPTY),
    })),
    changes: changes.map(shown),
    editor: { name: editor.name, canChange: editor.canWrite },
  }
}

export type StudioStock = Awaited<ReturnType<typeof studioStock>>

/** POST: records one restock or correction (once per requestId), and answers with the variant's counts after it. */
export async function changeStudioStock(req: NextRequest, options: Options = {}) {
  // First, so a page elsewhere cannot even make the server ask Sanity who it is.
  if (!isSameOrigin(req)) throw new HttpError(403, 'Cross-site requests are not allowed')
  const editor = await studioEditor(req, options)
  if (!editor.canWrite)
    throw new HttpError(403, 'Your role in this project may look at stock but not change it')
  const body = await readJson(req, stockChangeBody)
  const { change, applied } = await recordStockChange({ ...body, editor: editorLabel(editor) })
  const levels = await stockLevels([body])
  return { applied, change: shown(change), level: levels.get(refKey(body)) ?? EMPTY }
}

export type StudioStockChange = Awaited<ReturnType<typeof changeStudioStock>>

import { NextResponse, type NextRequest } from 'next/server'
import { methodNotAllowed, route } from '@/lib/http/errors'
import { enforceRateLimit } from '@/lib/http/rate-limit'
import { changeStudioStock, studioStock } from '@/lib/studio/stock'

export const dynamic = 'force-dynamic'

const fresh = { headers: { 'cache-control': 'no-store' } }

/** `?productId=`: on hand, held, sold and available per variant, and the latest changes. Editors only (lib/studio/editor.ts). */
export const GET = route(async (req: NextRequest) => {
  await enforceRateLimit(req, 'studio')
  return NextResponse.json(await studioStock(req), fresh)
})

/** A restock `{ requestId, productId, variantKey, kind: 'restock', quantity, note? }` or a correction (`kind: 'correction', onHand`). */
export const POST = route(async (req: NextRequest) => {
  await enforceRateLimit(req, 'studio')
  return NextResponse.json(await changeStudioStock(req), fresh)
})

export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE }

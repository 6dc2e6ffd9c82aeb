import { revalidateTag } from 'next/cache'
import { parseBody } from 'next-sanity/webhook'
import { NextResponse, type NextRequest } from 'next/server'
import { tagsFor, webhookBody } from '@/lib/content/revalidate'
import { config } from '@/lib/env'
import { HttpError, methodNotAllowed, route } from '@/lib/http/errors'

export const dynamic = 'force-dynamic'

/**
 * Content webhook (the lake's, or a Sanity GROQ-powered webhook with the projection
 * `{_id, _type, "slug": slug.current, "operation": delta::operation()}`): verified with
 * @sanity/webhook's signature, then the changed document's tags are expired at once.
 */
export const POST = route(async (req: NextRequest) => {
  const { sanity } = config()
  let parsed
  try {
    // Real Sanity is eventually consistent: wait a moment before the next fetch; the local lake is not.
    parsed = await parseBody(req, sanity.revalidateSecret, sanity.mode === 'real')
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON')
  }
  if (!parsed.isValidSignature) return NextResponse.json({ error: 'Invalid signature' }, { status: 401 })
  const body = webhookBody.safeParse(parsed.body)
  if (!body.success) throw new HttpError(400, 'Expected {_id, _type}')
  const revalidated = tagsFor(body.data)
  for (const tag of revalidated) revalidateTag(tag, { expire: 0 })
  return NextResponse.json({ revalidated })
})

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE }

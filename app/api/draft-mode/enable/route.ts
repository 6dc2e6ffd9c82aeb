import { draftMode } from 'next/headers'
import { NextResponse, type NextRequest } from 'next/server'
import { isPreviewSecret, safeRedirectUrl } from '@/lib/draft-mode'
import { methodNotAllowed, route } from '@/lib/http/errors'

export const dynamic = 'force-dynamic'

/** `/api/draft-mode/enable?secret=…&redirect=/articles/…`: editors preview unpublished drafts. */
export const GET = route(async (req: NextRequest) => {
  const { searchParams } = req.nextUrl
  if (!isPreviewSecret(searchParams.get('secret'))) return NextResponse.json({ error: 'Invalid preview secret' }, { status: 401 })
  ;(await draftMode()).enable()
  return NextResponse.redirect(safeRedirectUrl(searchParams.get('redirect')), 307)
})

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE }

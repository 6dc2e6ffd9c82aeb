import { draftMode } from 'next/headers'
import { NextResponse, type NextRequest } from 'next/server'
import { safeRedirectUrl } from '@/lib/draft-mode'
import { methodNotAllowed, route } from '@/lib/http/errors'

export const dynamic = 'force-dynamic'

export const GET = route(async (req: NextRequest) => {
  ;(await draftMode()).disable()
  return NextResponse.redirect(safeRedirectUrl(req.nextUrl.searchParams.get('redirect')), 307)
})

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
}

import { draftMode } from 'next/headers'
import { NextResponse, type NextRequest } from 'next/server'
import { safeRedirectPath } from '@/lib/draft-mode'
import { methodNotAllowed, route } from '@/lib/http/errors'

export const dynamic = 'force-dynamic'

export const GET = route(async (req: NextRequest) => {
  ;(await draftMode()).disable()
  return NextResponse.redirect(new URL(safeRedirectPath(req.nextUrl.searchParams.get('redirect')), req.nextUrl.origin), 307)
})

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE }

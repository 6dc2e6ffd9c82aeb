import { NextResponse } from 'next/server'
import { currentContentVersionCached } from '@/lib/content/live/server-content-version'
import { methodNotAllowed, route } from '@/lib/http/errors'

/**
 * The content version, for an open page that may have missed a publish before its live events
 * stream opened (components/PublishedLive.tsx). Cached like the pages, and expired with them on a
 * publish, so asking costs no render and no query.
 */
export const dynamic = 'force-static'
export const revalidate = 60

export const GET = route(async () =>
  NextResponse.json({ version: await currentContentVersionCached() }),
)

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
}

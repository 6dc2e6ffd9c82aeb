import type { NextRequest } from 'next/server'
import { streamLiveEvents } from '@/lib/content/live-events'
import { methodNotAllowed, route } from '@/lib/http/errors'

export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ path: string[] }> }

/** Local mode: the lake's live events for published content, same-origin for the site's browsers (lib/content/live.ts). */
export const GET = route(async (req: NextRequest, { params }: Context) =>
  streamLiveEvents(req, (await params).path),
)

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
}

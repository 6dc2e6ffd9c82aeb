import type { NextRequest } from 'next/server'
import { streamLiveEvents } from '@/lib/content/live/lake-proxy'
import { methodNotAllowed, route } from '@/lib/http/errors'

export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ path: string[] }> }

/**
 * The site's own live events (lib/content/live/lake-proxy.ts): locally, published content's for
 * every reader's page, same-origin; in both modes, drafts for an editor's page in draft mode.
 */
export const GET = route(async (req: NextRequest, { params }: Context) =>
  streamLiveEvents(req, (await params).path),
)

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
}

import 'server-only'
import type { NextRequest } from 'next/server'
import { isDraftMode } from '../../draft-mode'
import { config } from '../../env'
import { clientKey } from '../../http/client'
import { HttpError } from '../../http/errors'
import { liveHub } from './lake-proxy-hub'

/** `/v<api version>/data/live/events/<dataset>`: the one path this stream serves. */
const EVENTS_PATH = /^v(\d{4}-\d{2}-\d{2}|\d+|X)\/data\/live\/events\/([a-z0-9][a-z0-9_-]{0,63})$/
/** The hub's event ids (`<boot>-<n>`), with room to spare; anything else is not resumed from. */
const EVENT_ID = /^[A-Za-z0-9_.:-]{1,100}$/

/**
 * The site's own live events (app/api/live-events), from this instance's one subscription
 * (lake-proxy-hub.ts): read-only, no token from the browser, only the configured dataset. Drafts
 * only for a page in draft mode, in both modes, so the viewer token that hears them stays on the
 * server. Published events only locally: with a real project, readers' browsers listen to
 * Sanity's API directly.
 */
export async function streamLiveEvents(req: NextRequest, path: string[]): Promise<Response> {
  const { sanity } = config()
  const match = EVENTS_PATH.exec(path.join('/'))
  if (!match || match[2] !== sanity.dataset) throw new HttpError(404, 'Not a live events path')
  const drafts = req.nextUrl.searchParams.get('includeDrafts') === 'true'
  if (drafts && !(await isDraftMode()))
    throw new HttpError(403, 'Only published content is live here')
  if (!drafts && sanity.mode === 'real')
    throw new HttpError(404, 'Published live events come from Sanity')
  const lastEventId = req.headers.get('last-event-id')?.trim()
  return liveHub().open(
    drafts ? 'drafts' : 'published',
    clientKey(req),
    lastEventId && EVENT_ID.test(lastEventId) ? lastEventId : null,
    req.signal,
  )
}

import type { NextRequest } from 'next/server'
import { isDraftMode } from '../draft-mode'
import { config } from '../env'
import { HttpError } from '../http/errors'

/** `/v<api version>/data/live/events/<dataset>`: the one lake path this stream serves. */
const EVENTS_PATH = /^v(\d{4}-\d{2}-\d{2}|\d+|X)\/data\/live\/events\/([a-z0-9][a-z0-9_-]{0,63})$/
/** The lake's event ids (`<boot>-<n>`), with room to spare; anything else is not passed on. */
const EVENT_ID = /^[A-Za-z0-9_.:-]{1,100}$/

/**
 * Streams the local lake's live events for published content to the site's browsers
 * (lib/content/live.ts): read-only, no token, published only (a request for drafts is refused),
 * and only the configured dataset. A reconnect's `Last-Event-ID` is passed on so the lake can
 * resume or answer `restart`. With a real Sanity project browsers talk to Sanity and this is a 404.
 */
export async function streamLiveEvents(req: NextRequest, path: string[]): Promise<Response> {
  const { sanity } = config()
  if (sanity.mode !== 'local' || !sanity.apiHost) throw new HttpError(404, 'Not found')
  const match = EVENTS_PATH.exec(path.join('/'))
  if (!match || match[2] !== sanity.dataset) throw new HttpError(404, 'Not a live events path')
  const drafts = req.nextUrl.searchParams.get('includeDrafts') === 'true'
  if (drafts && !(await isDraftMode())) throw new HttpError(403, 'Only published content is live here')

  const headers = new Headers({ accept: 'text/event-stream' })
  if (drafts) headers.set('authorization', `Bearer ${sanity.readToken}`)
  const lastEventId = req.headers.get('last-event-id')?.trim()
  if (lastEventId && EVENT_ID.test(lastEventId)) headers.set('last-event-id', lastEventId)
  const upstream = await fetch(`${sanity.apiHost}/v${match[1]}/data/live/events/${sanity.dataset}${drafts ? '?includeDrafts=true' : ''}`, {
    headers,
    signal: req.signal,
    cache: 'no-store',
  }).catch(() => null)
  if (!upstream?.ok || !upstream.body) {
    await upstream?.body?.cancel()
    throw new HttpError(502, 'The content lake did not open its event stream')
  }
  return new Response(upstream.body, {
    headers: {
      'content-type': 'text/event-stream',
      // no-transform: compression would hold events back until a buffer fills.
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  })
}

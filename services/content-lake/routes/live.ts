import { type ApiContext } from '../context'
import { unauthorized } from '../errors'
import type { RouteParams } from '../../http/router'

/**
 * `GET /data/live/events/:dataset`: the Live Content API's event stream. Published events carry
 * only sync tags, never content, so they need no token even from a private dataset (a site's
 * browsers listen anonymously); `includeDrafts=true` needs one. `tag`, `returnQuery`,
 * `lastLiveEventId`, `cacheMode` and `variant` are accepted and ignored; a reconnect resumes
 * from `Last-Event-ID`.
 */
export function liveEvents(ctx: ApiContext, { named }: RouteParams) {
  const ds = ctx.lake.dataset(named.dataset)
  const includeDrafts = ctx.url.searchParams.get('includeDrafts') === 'true'
  if (includeDrafts && ctx.access === 'none')
    throw unauthorized('Live events with drafts require a token')
  const header = ctx.req.headers['last-event-id']
  ds.live.open(ctx.res, {
    includeDrafts,
    lastEventId: typeof header === 'string' ? header.trim() : undefined,
  })
}

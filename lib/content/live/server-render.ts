import 'server-only'
import { defineLive } from 'next-sanity/live'
import { headers } from 'next/headers'
import { config } from '../../env'
import { isSiteHost } from '../../http/client'
import { readClient } from '../client'

/**
 * The site's own live events (app/api/live-events): locally every page's, with a real project an
 * editor's drafts. Same origin, so the browser opens no cross-origin connection and holds no token.
 */
const LIVE_EVENTS_PATH = '/api/live-events'

let live: ReturnType<typeof defineLive> | undefined

/**
 * next-sanity's live content. `sanityFetch` tags each cached fetch with the sync tags of the
 * lake's answer; the browser hears which tags a publish changed (readers: PublishedLive, editors
 * in draft mode: `<SanityLive>`). Draft mode reads drafts with the viewer token on the server
 * (`serverToken`); no token ever goes to a browser: an editor's page hears drafts through the
 * site's own events route, which holds the token (draftLive below).
 */
export function liveContent() {
  // next-sanity asks for each query twice: once for its sync tags, with no cache option (so Next
  // would ask the lake on every render), then cached under those tags. This default caches the
  // first one too; both are keyed by the content version (lib/content/fetch.ts), so neither
  // outlives a publish, and in draft mode Next caches neither.
  live ??= defineLive({
    client: readClient().withConfig({ fetch: { cache: 'force-cache' } }),
    serverToken: config().sanity.readToken ?? false,
    browserToken: false,
  })
  return live
}

/**
 * A client whose URLs are the site's own events route, on the origin the page was asked for
 * (localhost or 127.0.0.1 alike).
 */
async function siteEventsClient() {
  const { siteUrl } = config()
  const request = { headers: await headers() }
  const site = new URL(siteUrl)
  const origin = isSiteHost(request)
    ? `${site.protocol}//${request.headers.get('host')}`
    : site.origin
  return readClient().withConfig({
    apiHost: `${origin}${LIVE_EVENTS_PATH}`,
    useProjectHostname: false,
    token: undefined,
  })
}

/**
 * Where a reader's browser hears what a publish changed, as `@sanity/client` builds the events
 * URL for published content (components/PublishedLive.tsx listens): Sanity's Live Content API
 * with a real project; locally, the site's own route, as a path, so the same cached page works on
 * whichever origin it was asked for (localhost or 127.0.0.1).
 */
export function publishedEventsUrl(): string {
  const real = config().sanity.mode === 'real'
  const client = real
    ? readClient()
    : readClient().withConfig({
        apiHost: `${config().siteUrl}${LIVE_EVENTS_PATH}`,
        useProjectHostname: false,
      })
  const url = new URL(client.getUrl(client.getDataUrl('live/events'), false))
  // next-sanity's request tag for its live listener, so Sanity's request logs name it alike.
  url.searchParams.set('tag', 'next-loader.live')
  return real ? url.href : `${url.pathname}${url.search}`
}

/**
 * The editor's `<SanityLive>` in draft mode, which also hears draft changes, through the site's
 * own route in both modes: the route checks draft mode and listens with the viewer token itself,
 * so the browser's token is a placeholder (next-sanity asks for drafts only when it has one).
 */
export async function draftLive() {
  return defineLive({
    client: await siteEventsClient(),
    serverToken: false,
    browserToken: 'draft-mode',
  }).SanityLive
}

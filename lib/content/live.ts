import { defineLive } from 'next-sanity/live'
import { headers } from 'next/headers'
import { config } from '../env'
import { isSiteHost } from '../http/client'
import { readClient } from './client'

/**
 * Where the site's browsers read live events locally: a same-origin, read-only path that streams
 * the lake's published events (app/api/live-events). Same origin, so the browser opens no
 * cross-origin connection and needs no CORS, and no token is involved.
 */
export const LIVE_EVENTS_PATH = '/api/live-events'

let live: ReturnType<typeof defineLive> | undefined

/**
 * next-sanity's live content. `sanityFetch` tags each cached fetch with the sync tags of the
 * lake's answer; the browser hears which tags a publish changed (readers: PublishedLive, editors
 * in draft mode: `<SanityLive>`). Draft mode reads drafts with the viewer token on the server
 * (`serverToken`). An editor's page in draft mode (only the Studio's preview secret opens it)
 * also listens to draft changes, so next-sanity hands that page's browser the viewer token
 * (`browserToken`); readers' pages get no token and hear published changes only. The write
 * token never leaves the server.
 */
export function liveContent() {
  // next-sanity asks for each query twice: once for its sync tags, with no cache option (so Next
  // would ask the lake on every render), then cached under those tags. This default caches the
  // first one too; both are keyed by the content version (fetch.ts), so neither outlives a
  // publish, and in draft mode Next caches neither.
  live ??= defineLive({
    client: readClient().withConfig({ fetch: { cache: 'force-cache' } }),
    serverToken: config().sanity.readToken ?? false,
    browserToken: config().sanity.readToken ?? false,
  })
  return live
}

/**
 * The client whose URLs a browser uses for live events: Sanity's API in real mode; locally,
 * LIVE_EVENTS_PATH on the origin the page was asked for (localhost or 127.0.0.1 alike).
 */
async function browserFacingClient() {
  const { sanity, siteUrl } = config()
  if (sanity.mode === 'real') return readClient()
  const request = { headers: await headers() }
  const site = new URL(siteUrl)
  const origin = isSiteHost(request) ? `${site.protocol}//${request.headers.get('host')}` : site.origin
  return readClient().withConfig({ apiHost: `${origin}${LIVE_EVENTS_PATH}`, useProjectHostname: false, token: undefined })
}

/**
 * Where a reader's browser hears what a publish changed: the Live Content API's events URL for
 * published content, as `@sanity/client` builds it (components/PublishedLive.tsx listens).
 */
export async function publishedEventsUrl(): Promise<string> {
  const client = await browserFacingClient()
  const url = new URL(client.getUrl(client.getDataUrl('live/events'), false))
  // next-sanity's request tag for its live listener, so Sanity's request logs name it alike.
  url.searchParams.set('tag', 'next-loader.live')
  return url.href
}

/**
 * The editor's `<SanityLive>` in draft mode, which also hears draft changes. With Sanity it is
 * next-sanity's, with the viewer token. Locally the route checks draft mode and adds the viewer
 * token itself, so the browser's token is a placeholder and no real token reaches it.
 */
export async function draftLive() {
  if (config().sanity.mode === 'real') return liveContent().SanityLive
  return defineLive({ client: await browserFacingClient(), serverToken: false, browserToken: 'draft-mode' }).SanityLive
}

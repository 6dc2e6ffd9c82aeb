/** Where an open page reads the content version (app/api/content-version). */
export const CONTENT_VERSION_PATH = '/api/content-version'
/**
 * When a just-opened page asks again: the content webhook that moves the version may arrive after
 * the live event (a loaded server), by up to the 3 s the webhook route waits for Sanity's API.
 */
export const RECHECK_AFTER_MS = [1_000, 5_000]

export type PublishedEventsHandlers = {
  /** A publish changed content read under these sync tags. */
  changed(tags: string[]): void
  /** Events may have been missed (the stream restarted or reconnected): read everything again. */
  refresh(): void
  /** The stream is open: from now on no publish is missed, but one may have come before. */
  welcomed?(): void
}

type Source = Pick<EventSource, 'addEventListener' | 'close' | 'readyState'>
type Options = {
  open?: (url: string) => Source
  /** The wait before reopening a closed stream doubles from this up to maxRetryMs. */
  retryMs?: number
  maxRetryMs?: number
  /**
   * After `goaway` (the API's connection limit), refresh on this interval until welcomed again, as
   * next-sanity does.
   */
  pollMs?: number
}

const CLOSED = 2

function tagsOf(data: unknown): string[] | null {
  try {
    const tags = (JSON.parse(String(data)) as { tags?: unknown } | null)?.tags
    return Array.isArray(tags) && tags.every((tag) => typeof tag === 'string') ? tags : null
  } catch {
    return null
  }
}

/**
 * A reader's browser listening to the Live Content API for published content, until the returned
 * function is called: one native EventSource on the events URL `@sanity/client` builds
 * (server-render.ts), the same stream and events `<SanityLive>` handles. Readers need no token
 * and no drafts, so they need neither `@sanity/client` nor rxjs in the browser, which
 * `<SanityLive>` loads after every page's hydration (about 130 ms of blocking time on a phone in
 * the bench). Editors in draft mode keep next-sanity's `<SanityLive>`.
 */
export function listenForPublishes(
  url: string,
  on: PublishedEventsHandlers,
  options: Options = {},
): () => void {
  const {
    open = (href) => new EventSource(href),
    retryMs = 1_000,
    maxRetryMs = 30_000,
    pollMs = 30_000,
  } = options
  let source: Source | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let poll: ReturnType<typeof setInterval> | undefined
  let wait = retryMs
  let welcomedAt = 0
  let missed = false

  const stopPolling = () => {
    clearInterval(poll)
    poll = undefined
  }
  const reopenLater = () => {
    source?.close()
    missed = true
    // A stream that stayed up a while starts the waits over; one that keeps failing waits longer
    // each time.
    if (welcomedAt && Date.now() - welcomedAt > maxRetryMs) wait = retryMs
    welcomedAt = 0
    timer = setTimeout(connect, wait)
    wait = Math.min(wait * 2, maxRetryMs)
  }

  function connect() {
    const events = open(url)
    source = events
    events.addEventListener('welcome', () => {
      welcomedAt = Date.now()
      stopPolling()
      // A fresh connection does not replay what happened while the last one was down.
      if (missed) on.refresh()
      else on.welcomed?.()
      missed = false
    })
    events.addEventListener('message', (event) => {
      const tags = tagsOf((event as MessageEvent).data)
      if (tags?.length) on.changed(tags)
    })
    events.addEventListener('restart', () => {
      stopPolling()
      on.refresh()
    })
    // The API is at its connection limit: refresh on an interval until a later connection is
    // welcomed.
    events.addEventListener('goaway', () => {
      poll ??= setInterval(() => on.refresh(), pollMs)
    })
    // @sanity/client ends the subscription on these (next-sanity then stops listening); a reader's
    // page would go stale, so it tries again later instead.
    for (const fatal of ['channelError', 'disconnect']) events.addEventListener(fatal, reopenLater)
    // The browser reconnects a dropped stream itself (with Last-Event-ID, so the lake resumes or
    // answers `restart`); it gives up for good on an HTTP error, so open a new one later.
    events.addEventListener('error', () => {
      if (events.readyState === CLOSED) reopenLater()
    })
  }

  connect()
  return () => {
    clearTimeout(timer)
    stopPolling()
    source?.close()
  }
}

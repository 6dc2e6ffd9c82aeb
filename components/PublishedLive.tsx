'use client'

import { useRouter } from 'next/navigation'
import { startTransition, useEffect, useEffectEvent } from 'react'
import {
  CONTENT_VERSION_PATH,
  listenForPublishes,
  RECHECK_AFTER_MS,
} from '@/lib/content/live/browser-listener'

type Props = {
  /** The Live Content API's events URL for published content (lib/content/live/server-render.ts). */
  url: string
  /** The content version the page was rendered from (null when it could not be read). */
  version: number | null
  /**
   * Expires the changed sync tags (lib/content/live/server-action.ts); its re-render brings the new
   * content.
   */
  action: (tags: string[]) => Promise<void | 'refresh'>
}

/**
 * Keeps a reader's open page current: a publish that changed what the page read re-renders it
 * in place. A publish made before the stream opened (the page was just loaded, or served from a
 * cache) sends no event to this page: once welcomed, the page asks for the content version, and
 * again twice a little later, for a webhook still on its way, and refreshes if the store has moved on.
 */
export function PublishedLive({ url, version, action }: Props) {
  const router = useRouter()
  // Effect events, so a re-render (each refresh passes a new action reference) keeps the stream open.
  const changed = useEffectEvent((tags: string[]) =>
    startTransition(async () => {
      if ((await action(tags)) === 'refresh') startTransition(() => router.refresh())
    }),
  )
  const refresh = useEffectEvent(() => startTransition(() => router.refresh()))
  const catchUp = useEffectEvent(async () => {
    const current = await fetch(CONTENT_VERSION_PATH, { cache: 'no-store' })
      .then((res) => (res.ok ? (res.json() as Promise<{ version?: unknown }>) : null))
      .catch(() => null)
    if (typeof current?.version === 'number' && current.version !== version) refresh()
  })
  useEffect(() => {
    const timers: ReturnType<typeof setTimeout>[] = []
    const stop = listenForPublishes(url, {
      changed: (tags) => changed(tags),
      refresh: () => refresh(),
      welcomed: () => {
        void catchUp()
        for (const ms of RECHECK_AFTER_MS) timers.push(setTimeout(() => void catchUp(), ms))
      },
    })
    return () => {
      stop()
      timers.forEach(clearTimeout)
    }
  }, [url])
  return null
}

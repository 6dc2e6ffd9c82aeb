'use client'

import { useRouter } from 'next/navigation'
import { startTransition, useEffect, useEffectEvent } from 'react'
import { listenForPublishes } from '@/lib/content/published-events'

type Props = {
  /** The Live Content API's events URL for published content (lib/content/live.ts). */
  url: string
  /** Expires the changed sync tags (lib/content/live-action.ts); its re-render brings the new content. */
  action: (tags: string[]) => Promise<void | 'refresh'>
}

/** Keeps a reader's open page current: a publish that changed what the page read re-renders it in place. */
export function PublishedLive({ url, action }: Props) {
  const router = useRouter()
  // Effect events, so a re-render (each refresh passes a new action reference) keeps the stream open.
  const changed = useEffectEvent((tags: string[]) =>
    startTransition(async () => {
      if ((await action(tags)) === 'refresh') startTransition(() => router.refresh())
    }),
  )
  const refresh = useEffectEvent(() => startTransition(() => router.refresh()))
  useEffect(() => listenForPublishes(url, { changed: (tags) => changed(tags), refresh: () => refresh() }), [url])
  return null
}

'use client'

import { VisualEditing } from 'next-sanity/visual-editing'
import { useRouter } from 'next/navigation'
import { useCallback, type ComponentProps } from 'react'

type Refresh = NonNullable<ComponentProps<typeof VisualEditing>['refresh']>

/**
 * The Presentation tool's side of an editor's preview: click-to-edit overlays on the elements
 * that carry `data-sanity` (lib/content/edit-attributes.ts), navigation kept in step with the
 * Studio, and the perspective switcher (next-sanity's server action sets the cookie the draft
 * reads follow). When the Studio reports that a document changed, the page renders again from
 * the lake, so the frame shows the saved draft.
 */
export function PreviewVisualEditing() {
  const router = useRouter()
  const refresh = useCallback<Refresh>(
    (payload) => {
      if (payload.source === 'mutation') return false
      router.refresh()
      // The Studio waits for the frame's answer before it offers another refresh.
      return new Promise((resolve) => setTimeout(resolve, 250))
    },
    [router],
  )
  return <VisualEditing refresh={refresh} />
}

'use client'

import dynamic from 'next/dynamic'
import type { ComponentProps } from 'react'
import type { Studio as StudioComponent } from './Studio'

// The Studio only runs in the browser (it reads window.location), so it is never server-rendered.
const Studio = dynamic(() => import('./Studio').then((m) => m.Studio), {
  ssr: false,
  loading: () => <p style={{ padding: 24, fontFamily: 'system-ui' }}>Loading Studio…</p>,
})

export function StudioLoader(props: ComponentProps<typeof StudioComponent>) {
  return <Studio {...props} />
}

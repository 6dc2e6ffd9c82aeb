'use client'

import Link from 'next/link'
import { useState, type ComponentProps } from 'react'

/**
 * A link that prefetches its route once the reader shows intent (pointer over it, focus, touch)
 * rather than as soon as it is on screen: the header's links are on screen on every page, and
 * prefetching all of them made ten requests whose answers the phone had to process while the
 * page itself was still starting up.
 */
export function IntentLink(props: Omit<ComponentProps<typeof Link>, 'prefetch'>) {
  const [intent, setIntent] = useState(false)
  const show = () => setIntent(true)
  return (
    <Link
      {...props}
      prefetch={intent ? null : false}
      onMouseEnter={show}
      onFocus={show}
      onTouchStart={show}
    />
  )
}

'use client'

import { NextStudio } from 'next-sanity/studio/client-component'
import { useMemo } from 'react'
import { SANITY_VERSION } from 'sanity'
import { studioConfig, type StudioTarget } from '@/sanity/studio/config'
import { installLocalCloudAnswers } from './localCloudAnswers'
import { installMultiplexedEventSource } from './multiplexedEventSource'

type Props = { mode: 'real' | 'local'; projectId: string; dataset: string; proxyPath: string }

/** The embedded Studio. Locally its API host is this site's proxy, resolved in the browser. */
export function Studio({ mode, projectId, dataset, proxyPath }: Props) {
  const config = useMemo(() => {
    if (mode === 'local') {
      // The local lake speaks HTTP/1.1 on localhost, where the Studio's "slow protocol" warning does not apply.
      sessionStorage.setItem('sanity-studio.network.check.snooze', new Date().toISOString())
      installMultiplexedEventSource(`${window.location.origin}${proxyPath}`)
      installLocalCloudAnswers(SANITY_VERSION)
    }
    const target: StudioTarget =
      mode === 'local'
        ? { mode, projectId, dataset, apiHost: `${window.location.origin}${proxyPath}` }
        : { mode, projectId, dataset }
    return studioConfig(target)
  }, [mode, projectId, dataset, proxyPath])
  return <NextStudio config={config} />
}

import { cookies, headers } from 'next/headers'
import { unauthorized } from 'next/navigation'
import { StudioLoader } from '@/components/studio/StudioLoader'
import { config } from '@/lib/env'
import { STUDIO_SESSION_COOKIE, studioAccess } from '@/lib/studio/access'
import { STUDIO_PROXY_PATH } from '@/lib/studio/proxy'

export { metadata, viewport } from 'next-sanity/studio'
// Who is asking, and the mode, are decided per request: a build made without real-mode env must not ship a local Studio.
export const dynamic = 'force-dynamic'

export default async function StudioPage() {
  const { sanity } = config()
  if (
    sanity.mode === 'local' &&
    studioAccess(
      { headers: await headers() },
      (await cookies()).get(STUDIO_SESSION_COOKIE)?.value,
    ) !== 'allowed'
  )
    unauthorized()
  return (
    <StudioLoader
      mode={sanity.mode}
      projectId={sanity.projectId}
      dataset={sanity.dataset}
      proxyPath={STUDIO_PROXY_PATH}
    />
  )
}

import { StudioLoader } from '@/components/studio/StudioLoader'
import { config } from '@/lib/env'
import { STUDIO_PROXY_PATH } from '@/lib/studio-proxy'

export { metadata, viewport } from 'next-sanity/studio'
// Rendered per request: the mode (local lake or a real project) is the server's, not the build's.
export const dynamic = 'force-dynamic'

export default function StudioPage() {
  const { sanity } = config()
  return <StudioLoader mode={sanity.mode} projectId={sanity.projectId} dataset={sanity.dataset} proxyPath={STUDIO_PROXY_PATH} />
}

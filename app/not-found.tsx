import { NotFoundMessage } from '@/components/NotFoundMessage'
import { SiteChrome } from '@/components/SiteChrome'

/** URLs that match no route at all. */
export default function NotFound() {
  return (
    <SiteChrome>
      <NotFoundMessage />
    </SiteChrome>
  )
}

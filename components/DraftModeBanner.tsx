import { isDraftMode } from '@/lib/draft-mode'
import { PreviewBanner } from './PreviewBanner'

/** Shown only to an editor previewing drafts, with a way out. */
export async function DraftModeBanner() {
  if (!(await isDraftMode())) return null
  return <PreviewBanner />
}

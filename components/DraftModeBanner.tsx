import { draftMode } from 'next/headers'

/** Shown only to an editor previewing drafts, with a way out. */
export async function DraftModeBanner() {
  if (!(await draftMode()).isEnabled) return null
  return (
    <div role="status" className="bg-amber-300 px-4 py-2 text-center text-sm font-medium text-night" data-testid="draft-banner">
      Preview — you are seeing unpublished drafts.{' '}
      <a href="/api/draft-mode/disable" className="underline underline-offset-2">
        Exit preview
      </a>
    </div>
  )
}

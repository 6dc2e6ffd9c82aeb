import { defineEnableDraftMode } from 'next-sanity/draft-mode'
import { NextResponse, type NextRequest } from 'next/server'
import { readClient } from '@/lib/content/client'
import { withSafePreviewPath } from '@/lib/draft-mode'
import { methodNotAllowed, route } from '@/lib/http/errors'
import { enforceRateLimit } from '@/lib/http/rate-limit'

export const dynamic = 'force-dynamic'

/**
 * Where the Presentation tool starts its frame: `?sanity-preview-secret=…&sanity-preview-pathname=/articles/…`.
 * The Studio has just written that secret as a `sanity.previewUrlSecret` document; next-sanity finds
 * it with one GROQ query (readClient carries the viewer token: the document is a draft), turns draft mode on,
 * keeps the perspective the Studio asked for in a cookie, and redirects to the page.
 */
export const GET = route(async (req: NextRequest) => {
  await enforceRateLimit(req, 'draftMode') // each try costs a lake query: junk secrets are not free
  const { GET: enable } = defineEnableDraftMode({ client: readClient() })
  const answer = await enable(new Request(withSafePreviewPath(req.url), { headers: req.headers }))
  // next-sanity answers a bad secret in plain text; our API answers JSON.
  if (answer.status === 401)
    return NextResponse.json({ error: 'Invalid preview secret' }, { status: 401 })
  return answer
})

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
}

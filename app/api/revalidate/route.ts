import { NextResponse, type NextRequest } from 'next/server'
import { handleContentWebhook, webhookBody } from '@/lib/content/revalidate'
import { bumpContentVersion } from '@/lib/content/live/server-content-version'
import { config } from '@/lib/env'
import { LIMITS, readText } from '@/lib/http/body'
import { HttpError, methodNotAllowed, route } from '@/lib/http/errors'

export const dynamic = 'force-dynamic'

const REFUSALS = {
  invalid: new HttpError(401, 'Invalid signature'),
  stale: new HttpError(401, 'The signature is more than 5 minutes old'),
  replay: new HttpError(409, 'This delivery was already processed'),
}

/**
 * Content webhook (the lake's, or a Sanity GROQ-powered webhook with the projection
 * `{_id, _type, "slug": slug.current, "operation": delta::operation()}`): verified with
 * @sanity/webhook's signature on the raw body, fresh and not handled before, then the content
 * version in PostgreSQL is bumped, which every instance's cached fetches are keyed by; the
 * delivery counts as handled only once the bump succeeded, so Sanity's retry of a failed one works. Live
 * events refresh open pages on the instance that serves them; this is what reaches the other
 * instances, and pages no browser has open.
 */
export const POST = route(async (req: NextRequest) => {
  const { sanity } = config()
  const text = await readText(req, LIMITS.webhook)
  let id = ''
  const verdict = await handleContentWebhook(
    text,
    req.headers.get('sanity-webhook-signature'),
    sanity.revalidateSecret,
    async () => {
      id = parseBody(text)._id
      // Real Sanity is eventually consistent: give its API a moment before the pages fetch again.
      if (sanity.mode === 'real') await new Promise((r) => setTimeout(r, 3000))
      await bumpContentVersion()
    },
  )
  if (verdict !== 'ok') throw REFUSALS[verdict]
  return NextResponse.json({ revalidated: id })
})

function parseBody(text: string) {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON')
  }
  const body = webhookBody.safeParse(json)
  if (!body.success) throw new HttpError(400, 'Expected {_id, _type}')
  return body.data
}

export {
  methodNotAllowed as GET,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
}

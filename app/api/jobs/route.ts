import { NextResponse, type NextRequest } from 'next/server'
import { config } from '@/lib/env'
import { HttpError, methodNotAllowed, route } from '@/lib/http/errors'
import { runBackgroundJobs } from '@/lib/jobs/background'
import { sameSecret } from '@/lib/secrets'

export const dynamic = 'force-dynamic'

/**
 * The background jobs for a host with no long-lived process: a scheduler calls this with
 * `Authorization: Bearer $CRON_SECRET` (what Vercel Cron sends; see vercel.json). Without
 * CRON_SECRET the route does not exist, and the server's own timer does the work.
 */
export const GET = route(async (req: NextRequest) => {
  const secret = config().cronSecret
  if (!secret) throw new HttpError(404, 'Not found')
  const given = req.headers.get('authorization')?.replace(/^Bearer /, '') ?? ''
  if (!sameSecret(given, secret)) throw new HttpError(401, 'Unauthorized')
  return NextResponse.json(await runBackgroundJobs(), { headers: { 'cache-control': 'no-store' } })
})

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
}

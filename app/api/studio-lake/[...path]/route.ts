import type { NextRequest } from 'next/server'
import { route } from '@/lib/http/errors'
import { proxyToLake } from '@/lib/studio/proxy'

export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ path: string[] }> }

const handler = route(async (req: NextRequest, { params }: Context) =>
  proxyToLake(req, (await params).path),
)

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE }

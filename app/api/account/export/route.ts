import { NextResponse, type NextRequest } from 'next/server'
import { accountExport } from '@/lib/accounts/export'
import { requireAccount } from '@/lib/accounts/request'
import { methodNotAllowed, route } from '@/lib/http/errors'

export const dynamic = 'force-dynamic'

/** "Download my data": the account, its addresses and its orders, as one JSON file. */
export const GET = route(async (req: NextRequest) => {
  const account = await requireAccount(req)
  return NextResponse.json(await accountExport(account.id), {
    headers: {
      'cache-control': 'no-store',
      'content-disposition': 'attachment; filename="restwell-account.json"',
    },
  })
})

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
}

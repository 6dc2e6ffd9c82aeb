import { NextResponse, type NextRequest } from 'next/server'
import { deleteAccount } from '@/lib/accounts/erase'
import { requireAccount } from '@/lib/accounts/request'
import { refuseLargeBody } from '@/lib/http/body'
import { methodNotAllowed, route } from '@/lib/http/errors'

export const dynamic = 'force-dynamic'

/** "Delete my account": gone at once with its sessions and addresses; its orders lose the buyer's data (lib/accounts/erase.ts). */
export const DELETE = route(async (req: NextRequest) => {
  const account = await requireAccount(req)
  await refuseLargeBody(req)
  await deleteAccount(account.id)
  return NextResponse.json({ deleted: true }, { headers: { 'cache-control': 'no-store' } })
})

export {
  methodNotAllowed as GET,
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
}

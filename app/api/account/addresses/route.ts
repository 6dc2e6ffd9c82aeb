import { NextResponse, type NextRequest } from 'next/server'
import { parseAddress, saveAddress } from '@/lib/accounts/addresses'
import { requireAccount } from '@/lib/accounts/request'
import { readJson } from '@/lib/http/body'
import { methodNotAllowed, route } from '@/lib/http/errors'
import { z } from 'zod'

export const dynamic = 'force-dynamic'

/** Saves a new address: field errors (400) and nothing saved when any field is wrong. */
export const POST = route(async (req: NextRequest) => {
  const account = await requireAccount(req)
  const address = await saveAddress(account.id, parseAddress(await readJson(req, z.unknown())))
  return NextResponse.json({ address }, { status: 201, headers: { 'cache-control': 'no-store' } })
})

export {
  methodNotAllowed as GET,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
}

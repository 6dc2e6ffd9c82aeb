import { NextResponse, type NextRequest } from 'next/server'
import { parseAddress, removeAddress, saveAddress } from '@/lib/accounts/addresses'
import { requireAccount } from '@/lib/accounts/request'
import { readJson, refuseLargeBody } from '@/lib/http/body'
import { HttpError, methodNotAllowed, route } from '@/lib/http/errors'
import { z } from 'zod'

export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ id: string }> }

const addressId = async ({ params }: Context) => {
  const { id } = await params
  if (!z.uuid().safeParse(id).success) throw new HttpError(404, 'No such address')
  return id
}

/** Changes one of the account's addresses (or makes it the default). */
export const PUT = route(async (req: NextRequest, context: Context) => {
  const account = await requireAccount(req)
  const id = await addressId(context)
  const address = await saveAddress(account.id, parseAddress(await readJson(req, z.unknown())), id)
  return NextResponse.json({ address }, { headers: { 'cache-control': 'no-store' } })
})

export const DELETE = route(async (req: NextRequest, context: Context) => {
  const account = await requireAccount(req)
  await refuseLargeBody(req)
  await removeAddress(account.id, await addressId(context))
  return NextResponse.json({ removed: true }, { headers: { 'cache-control': 'no-store' } })
})

export { methodNotAllowed as GET, methodNotAllowed as POST, methodNotAllowed as PATCH }

import { after, NextResponse, type NextRequest } from 'next/server'
import { readJson } from '@/lib/http/body'
import { methodNotAllowed, route } from '@/lib/http/errors'
import { enforceRateLimit, takeBudget } from '@/lib/http/rate-limit'
import { resendOrderLink } from '@/lib/orders/emails'
import { findOrderIdByNumber } from '@/lib/orders/lookup'
import { LOOKUP_ANSWER, orderLookupInput } from '@/lib/orders/lookup-input'

export const dynamic = 'force-dynamic'

/**
 * "Find my order": `{ email, orderNumber }`. Always the same answer (202), found or not; the
 * link goes only to the address on the order, after the answer, so timing tells nothing either.
 */
export const POST = route(async (req: NextRequest) => {
  await enforceRateLimit(req, 'lookup')
  const { email, orderNumber } = await readJson(req, orderLookupInput)
  after(async () => {
    try {
      const orderId = await findOrderIdByNumber(orderNumber, email)
      // Also limited per order, silently: nobody can flood a buyer's inbox from many addresses.
      if (orderId && (await takeBudget('orderEmail', orderId))) await resendOrderLink(orderId)
    } catch (error) {
      console.warn(`[orders] could not send an order link: ${(error as Error)?.message ?? error}`)
    }
  })
  return NextResponse.json(
    { message: LOOKUP_ANSWER },
    { status: 202, headers: { 'cache-control': 'no-store' } },
  )
})

export {
  methodNotAllowed as GET,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
}

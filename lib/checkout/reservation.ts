import { writeClient } from '../content/client'
import { commitUnlessConflict, loadStock, stockPatches, type StockLine } from '../content/stock'
import { HttpError } from '../http/errors'
import type { PromotionDoc } from '../promotions/discount'
import { loadPromotion, movePromotionCounters } from '../promotions/store'
import { RESERVATION_QUERY } from '@/sanity/queries'
import type { RESERVATION_QUERY_RESULT } from '@/sanity/types'

export type Reservation = NonNullable<RESERVATION_QUERY_RESULT>
export type ReservedLine = StockLine & { articleId?: string }

/** A promotion as read in this round (its revision and counters), with the discount it gives this cart. */
export type HeldPromotion = PromotionDoc & { amount: number }

export async function getReservation(id: string): Promise<Reservation | null> {
  return writeClient().fetch(RESERVATION_QUERY, { id }, { cache: 'no-store' })
}

export class OutOfStock extends HttpError {
  constructor(title: string, variant: string, available: number) {
    super(
      409,
      available === 0
        ? `Sorry, ${title} (${variant}) just sold out. Nothing was charged; update your cart to continue.`
        : `Sorry, only ${available} of ${title} (${variant}) left. Nothing was charged; update your cart to continue.`,
      { available },
    )
  }
}

/**
 * Holds stock for a reservation in one transaction: every product is patched with
 * `ifRevisionID` and the reservation is created (or, for a new attempt, updated with its own
 * revision check). Returns false on a conflict, so the caller re-reads and decides again.
 * Throws OutOfStock, having written nothing, when a line cannot be covered.
 */
/** Who a hold belongs to: the cart it was made for and the client that made it (see holds.ts). */
export type HoldOwner = { cartId: string; holder: string }

export async function holdStock(
  id: string,
  attempt: number,
  lines: ReservedLine[],
  previous: Reservation | null,
  promotion: HeldPromotion | null,
  owner: HoldOwner,
): Promise<boolean> {
  const stock = await loadStock(lines.map((line) => line.productId))
  for (const line of lines) {
    const doc = stock.get(line.productId)
    const variant = doc?.variants?.find((v) => v._key === line.variantKey)
    if (!doc || !variant) throw new HttpError(409, 'An item in your cart is no longer sold. Update your cart to continue.')
  }
  const patches = stockPatches(stock, lines, (variant, quantity) => {
    const available = variant.stock - variant.reserved
    if (available < quantity) {
      const doc = [...stock.values()].find((d) => d.variants?.includes(variant))
      throw new OutOfStock(doc?.title ?? 'an item', variant.title ?? '', Math.max(0, available))
    }
    return { reserved: variant.reserved + quantity }
  })
  const body = {
    status: 'reserved',
    attempt,
    ...owner,
    lines: lines.map((line, i) => ({ _key: `l${i}`, ...line })),
    ...(promotion ? { promotionId: promotion._id } : {}),
    createdAt: new Date().toISOString(),
  }
  const tx = writeClient().transaction()
  if (previous)
    tx.patch(id, (p) =>
      p
        .ifRevisionId(previous._rev)
        .set(body)
        .unset(['sessionId', 'checkoutUrl', ...(promotion ? [] : ['promotionId'])]),
    )
  else tx.create({ _id: id, _type: 'reservation', ...body })
  // The code's use is held like the stock: in the same transaction, released the same way.
  if (promotion) movePromotionCounters(tx, promotion, { reserved: 1 })
  for (const [productId, { rev, set }] of patches) tx.patch(productId, (p) => p.ifRevisionId(rev).set(set))
  return commitUnlessConflict(tx)
}

/**
 * Gives a reservation's stock back, once: only while it is still `reserved` (and, when given,
 * held for that Checkout Session). Returns false on a conflict (re-read and retry).
 */
export async function releaseStock(reservation: Reservation): Promise<boolean> {
  const lines = (reservation.lines ?? []) as ReservedLine[]
  const stock = await loadStock(lines.map((line) => line.productId))
  const patches = stockPatches(stock, lines, (variant, quantity) => ({ reserved: Math.max(0, variant.reserved - quantity) }))
  const tx = writeClient()
    .transaction()
    .patch(reservation._id, (p) => p.ifRevisionId(reservation._rev).set({ status: 'released' }))
  for (const [productId, { rev, set }] of patches) tx.patch(productId, (p) => p.ifRevisionId(rev).set(set))
  const promotion = reservation.promotionId ? await loadPromotion(reservation.promotionId) : null
  if (promotion) movePromotionCounters(tx, promotion, { reserved: -1 })
  return commitUnlessConflict(tx)
}

import { createHash } from 'node:crypto'
import type Stripe from 'stripe'
import type { PricedCart } from '../cart/pricing'
import type { Cart } from '../cart/schema'
import { writeClient } from '../content/client'
import { withKeys } from '../content/keyed-lock'
import { backoff } from '../content/stock'
import { config } from '../env'
import { HttpError } from '../http/errors'
import { isStripeError, stripe } from '../payments/stripe'
import { evaluatePromotion, type Evaluation } from '../promotions/discount'
import { findPromotion } from '../promotions/store'
import { ABANDONED_AFTER_MS, holderOf, refuseOverHoldLimit, replaceCartHolds } from './holds'
import { getReservation, holdStock, releaseStock, type HeldPromotion, type HoldOwner, type ReservedLine } from './reservation'
import { shippingOptions } from './shipping'

const MAX_ROUNDS = 40
/** Stripe's minimum session lifetime; held stock is released when it expires. */
const SESSION_LIFETIME_S = 31 * 60

/** The same cart (id and contents) always maps to the same reservation and idempotency key. */
export function checkoutKey(cart: Cart) {
  const lines = cart.lines.map((l) => [l.productId, l.variantKey, l.quantity, l.sourceArticle ?? '']).sort()
  return createHash('sha256')
    .update(JSON.stringify([cart.id, lines, cart.promotionCode ?? '']))
    .digest('hex')
    .slice(0, 40)
}

type Discount = { promotion: HeldPromotion; coupon: string }

function sessionParams(
  cart: PricedCart,
  reservationId: string,
  cartId: string,
  discount: Discount | null,
): Stripe.Checkout.SessionCreateParams {
  const site = config().siteUrl
  const articles = [...new Set(cart.lines.flatMap((l) => (l.sourceArticle ? [l.sourceArticle] : [])))]
  return {
    mode: 'payment',
    // Prices come from the lake, read a moment ago: never from the client.
    line_items: cart.lines.map((line) => ({
      quantity: line.quantity,
      price_data: {
        currency: line.currency,
        unit_amount: line.unitAmount,
        product_data: {
          name: line.variantTitle ? `${line.title} — ${line.variantTitle}` : line.title,
          metadata: {
            productId: line.productId,
            variantKey: line.variantKey,
            ...(line.sku ? { sku: line.sku } : {}),
            ...(line.sourceArticle ? { articleId: line.sourceArticle } : {}),
          },
        },
      },
    })),
    shipping_address_collection: { allowed_countries: ['US', 'CA'] },
    // Rates and the discount were computed here from content; Stripe only charges them.
    shipping_options: shippingOptions(cart.shipping, cart.currency),
    ...(discount ? { discounts: [{ coupon: discount.coupon }] } : {}),
    metadata: {
      reservationId,
      cartId,
      articles: articles.join(',').slice(0, 500),
      ...(discount ? { promotionId: discount.promotion._id, promotionCode: discount.promotion.code ?? '' } : {}),
    },
    success_url: `${site}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${site}/cart?checkout=cancelled`,
    expires_at: Math.floor(Date.now() / 1000) + SESSION_LIFETIME_S,
  }
}

/**
 * Reserves the cart's stock and opens a Stripe Checkout Session for it. A repeated request for
 * the same cart (a double click, or coming back from Checkout) gets the same open session and
 * reserves nothing more; once that session has expired, a new attempt starts. A changed cart
 * replaces its earlier hold, and a client with too many holds open is refused (holds.ts).
 */
export async function startCheckout(cart: Cart, priced: PricedCart, clientAddress: string): Promise<{ url: string; sessionId: string }> {
  if (priced.lines.length === 0) throw new HttpError(400, 'Your cart is empty')
  const problem = priced.lines.find((line) => line.status !== 'ok')
  if (problem) throw new HttpError(409, `${problem.title}: ${problem.message}`)
  if (priced.promotion && !priced.promotion.ok) throw codeRefused(priced.promotion)

  const owner: HoldOwner = { cartId: cart.id, holder: holderOf(clientAddress) }
  const reservationId = `reservation-${checkoutKey(cart)}`
  // One client's checkouts one at a time in this process, so its parallel requests cannot all pass the count.
  return withKeys([`holder:${owner.holder}`], async () => {
    await replaceCartHolds(owner.cartId, reservationId)
    await refuseOverHoldLimit(owner.holder, reservationId)
    return holdAndOpenSession(cart, priced, reservationId, owner)
  })
}

async function holdAndOpenSession(cart: Cart, priced: PricedCart, reservationId: string, owner: HoldOwner) {
  const key = checkoutKey(cart)
  const lines: ReservedLine[] = priced.lines.map((l) => ({
    productId: l.productId,
    variantKey: l.variantKey,
    quantity: l.quantity,
    ...(l.sourceArticle ? { articleId: l.sourceArticle } : {}),
  }))

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const existing = await getReservation(reservationId)
    if (existing?.status === 'reserved') {
      if (existing.sessionId) {
        const session = await stripe().checkout.sessions.retrieve(existing.sessionId)
        if (session.status === 'open' && session.url) return { url: session.url, sessionId: session.id }
        if (session.status === 'complete') throw new HttpError(409, 'This cart has just been paid for. Check your email for the order.')
        await releaseStock(existing) // expired: give the stock back now rather than wait for the webhook
        continue
      }
      const age = Date.now() - Date.parse(existing.createdAt ?? '')
      if (!(age > ABANDONED_AFTER_MS)) {
        await backoff(round) // another request for this cart is opening its session right now
        continue
      }
      await releaseStock(existing)
      continue
    }

    const attempt = (existing?.attempt ?? 0) + 1
    const code = priced.promotion?.code
    // Read and written under one in-process queue per product (and code), so this server's own
    // checkouts do not make each other's revision checks fail; other servers still retry on 409.
    const { held, promotion } = await withKeys([...lines.map((l) => l.productId), ...(code ? [`promotion:${code}`] : [])], async () => {
      // A code worth nothing on this cart (1% of a few cents) is neither held nor sent to Stripe.
      const current = code ? await currentPromotion(code, priced.subtotal) : null
      const promotion = current && current.amount > 0 ? current : null
      return { held: await holdStock(reservationId, attempt, lines, existing, promotion, owner), promotion }
    })
    if (!held) {
      await backoff(round)
      continue
    }

    let session: Stripe.Checkout.Session
    try {
      const discount = promotion && { promotion, coupon: await couponFor(promotion, priced.currency, `${key}-${attempt}`) }
      session = await stripe().checkout.sessions.create(sessionParams(priced, reservationId, cart.id, discount), {
        idempotencyKey: `${key}-${attempt}`,
      })
    } catch (error) {
      const held = await getReservation(reservationId)
      if (held?.status === 'reserved' && !held.sessionId) await releaseStock(held)
      const reason = isStripeError(error) ? error.message : 'the payment service did not answer'
      throw new HttpError(502, `We could not start the checkout (${reason}). Nothing was charged; please try again.`)
    }
    await writeClient().patch(reservationId).set({ sessionId: session.id, checkoutUrl: session.url }).commit({ visibility: 'sync' })
    return { url: session.url!, sessionId: session.id }
  }
  throw new HttpError(409, 'Many people are checking out these items right now. Please try again in a moment.')
}

const codeRefused = (refusal: Extract<Evaluation, { ok: false }>) =>
  new HttpError(409, `${refusal.message} Remove the code to check out without it.`, { reason: refusal.reason })

/** The code re-read with its counters, in the same round as the stock: exhausted now means refused now. */
async function currentPromotion(code: string, subtotal: number): Promise<HeldPromotion> {
  const doc = await findPromotion(code)
  const evaluation = evaluatePromotion(doc, code, subtotal)
  if (!evaluation.ok) throw codeRefused(evaluation)
  return { ...doc!, amount: evaluation.amount } // a code that applies was found
}

/**
 * A one-use Stripe coupon for exactly the discount we computed, so Stripe charges our number.
 * (Mirroring codes as Stripe promotion codes would give Stripe its own copy of the rules.)
 */
async function couponFor(promotion: HeldPromotion, currency: string, key: string) {
  const coupon = await stripe().coupons.create(
    {
      amount_off: promotion.amount,
      currency,
      duration: 'once',
      max_redemptions: 1,
      name: (promotion.code ?? '').slice(0, 40),
      metadata: { promotionId: promotion._id },
    },
    { idempotencyKey: `${key}-coupon` },
  )
  return coupon.id
}

import 'server-only'
import { createHash } from 'node:crypto'
import type Stripe from 'stripe'
import type { Buyer } from '../accounts/customer'
import type { PricedCart } from '../cart/pricing'
import type { Cart } from '../cart/schema'
import { and, eq, isNull } from 'drizzle-orm'
import { db } from '../db/client'
import { holds, type HoldLine } from '../db/schema'
import { config } from '../env'
import { HttpError } from '../http/errors'
import { isStripeError, stripe } from '../payments/stripe'
import { evaluatePromotion, type Evaluation, type PromotionDoc } from '../promotions/discount'
import { findPromotion } from '../promotions/store'
import {
  ABANDONED_AFTER_MS,
  findHold,
  holderOf,
  overHoldLimit,
  releaseHold,
  replaceCartHolds,
  takeHold,
  type Hold,
} from './holds'
import { recordSession, sessionMetadata } from './sessions'
import { shippingOptions } from './shipping'

const MAX_ROUNDS = 20
const pause = (round: number) =>
  new Promise((r) => setTimeout(r, Math.min(500, 25 * 2 ** round) * (0.5 + Math.random() / 2)))

/** A promotion as read for this checkout, with the discount it gives this cart. */
type HeldPromotion = PromotionDoc & { amount: number }

class OutOfStock extends HttpError {
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
/** Stripe's minimum session lifetime; held stock is released when it expires. */
const SESSION_LIFETIME_S = 31 * 60

/**
 * The same cart (id and contents) for the same buyer always maps to the same hold and idempotency
 * key. Another buyer on this browser (signed in or out since) is another hold, so the earlier one
 * is given back like a changed cart's, and its session, which shows that buyer's Customer and
 * would join their account, can no longer be paid.
 */
export function checkoutKey(cart: Cart, buyer: Buyer | null = null) {
  const lines = cart.lines
    .map((l) => [l.productId, l.variantKey, l.quantity, l.sourceArticle ?? ''])
    .sort()
  const parts = [cart.id, lines, cart.promotionCode ?? '', ...(buyer ? [buyer.accountId] : [])]
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40)
}

type Discount = { promotion: HeldPromotion; coupon: string }

function sessionParams(
  cart: PricedCart,
  holdId: string,
  cartId: string,
  discount: Discount | null,
  buyer: Buyer | null,
): Stripe.Checkout.SessionCreateParams {
  const { siteUrl: site, stripe: settings } = config()
  // Stripe Tax computes the tax from the buyer's address; the store only says how its prices count it.
  const tax = settings.tax
  const articles = [
    ...new Set(cart.lines.flatMap((l) => (l.sourceArticle ? [l.sourceArticle] : []))),
  ]
  return {
    mode: 'payment',
    // Prices come from the lake, read a moment ago: never from the client.
    line_items: cart.lines.map((line) => ({
      quantity: line.quantity,
      price_data: {
        currency: line.currency,
        unit_amount: line.unitAmount,
        ...(tax ? { tax_behavior: tax.behavior } : {}),
        product_data: {
          name: line.variantTitle ? `${line.title} — ${line.variantTitle}` : line.title,
          ...(tax && line.taxCode ? { tax_code: line.taxCode } : {}),
          // The order is recorded from these, never from the display name (a title may contain " — ").
          metadata: {
            productId: line.productId,
            variantKey: line.variantKey,
            title: line.title.slice(0, 500),
            ...(line.variantTitle ? { variantTitle: line.variantTitle.slice(0, 500) } : {}),
            ...(line.sku ? { sku: line.sku } : {}),
            ...(line.sourceArticle ? { articleId: line.sourceArticle } : {}),
          },
        },
      },
    })),
    shipping_address_collection: { allowed_countries: ['US', 'CA'] },
    // Rates and the discount were computed here from content; Stripe only charges them.
    shipping_options: shippingOptions(cart.shipping, cart.currency, tax),
    ...(tax ? { automatic_tax: { enabled: true } } : {}),
    ...(discount ? { discounts: [{ coupon: discount.coupon }] } : {}),
    // A signed-in buyer's Customer: Checkout prefills its email and address, and the order is the account's.
    ...(buyer ? { customer: buyer.customerId } : {}),
    metadata: {
      ...sessionMetadata(holdId),
      cartId,
      ...(buyer ? { accountId: buyer.accountId } : {}),
      articles: articles.join(',').slice(0, 500),
      ...(discount
        ? { promotionId: discount.promotion._id, promotionCode: discount.promotion.code ?? '' }
        : {}),
    },
    success_url: `${site}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${site}/cart?checkout=cancelled`,
    expires_at: Math.floor(Date.now() / 1000) + SESSION_LIFETIME_S,
  }
}

/**
 * Holds the cart's stock and opens a Stripe Checkout Session for it. A repeated request for the
 * same cart (a double click, or coming back from Checkout) gets the same open session and holds
 * nothing more; once that session has expired, a new attempt starts. A changed cart replaces its
 * earlier hold, and a client with too many holds open is refused (holds.ts).
 */
export async function startCheckout(
  cart: Cart,
  priced: PricedCart,
  client: string,
  buyer: Buyer | null = null,
): Promise<{ url: string; sessionId: string }> {
  if (priced.lines.length === 0) throw new HttpError(400, 'Your cart is empty')
  const problem = priced.lines.find((line) => line.status !== 'ok')
  if (problem) throw new HttpError(409, `${problem.title}: ${problem.message}`)
  if (priced.promotion && !priced.promotion.ok) throw codeRefused(priced.promotion)

  const holdId = `hold-${checkoutKey(cart, buyer)}`
  const found = await replaceCartHolds(cart.id, holdId)
  const lines: HoldLine[] = priced.lines.map((l) => ({
    productId: l.productId,
    variantKey: l.variantKey,
    quantity: l.quantity,
    ...(l.sourceArticle ? { articleId: l.sourceArticle } : {}),
  }))

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const existing = round === 0 ? found : await findHold(holdId)
    if (existing?.status === 'open') {
      if (existing.sessionId) {
        const session = await stripe().checkout.sessions.retrieve(existing.sessionId)
        if (session.status === 'open' && session.url)
          return { url: session.url, sessionId: session.id }
        if (session.status === 'complete')
          throw new HttpError(
            409,
            'This cart has just been paid for. Check your email for the order.',
          )
        await releaseHold(existing.id, existing.sessionId) // expired: give the stock back now rather than wait for the webhook
      } else if (Date.now() - existing.createdAt.getTime() < ABANDONED_AFTER_MS) {
        await pause(round) // another request for this cart is opening its session right now
      } else {
        await releaseHold(existing.id)
      }
      continue
    }
    const held = await holdCart(holdId, cart, priced, lines, client)
    if (!held) continue // another request for this cart took the hold a moment ago
    return openSession(held, cart, priced, buyer)
  }
  throw new HttpError(409, 'This checkout is already being opened. Please try again in a moment.')
}

type Held = { hold: Pick<Hold, 'id' | 'attempt'>; promotion: HeldPromotion | null }

/**
 * Takes the hold (lib/checkout/holds.ts takeHold: the client's share, every line's units, the
 * code's use and the row, in one statement that cannot oversell). Returns null when the hold is
 * open already (a concurrent request for the same cart won).
 */
async function holdCart(
  holdId: string,
  cart: Cart,
  priced: PricedCart,
  lines: HoldLine[],
  client: string,
): Promise<Held | null> {
  const code = priced.promotion?.code
  // A code worth nothing on this cart (1% of a few cents) is neither held nor sent to Stripe.
  const current = code ? await currentPromotion(code, priced.subtotal) : null
  const promotion = current && current.amount > 0 ? current : null
  const taken = await takeHold({
    id: holdId,
    cartId: cart.id,
    holder: holderOf(client),
    lines,
    promotion: promotion && { id: promotion._id, maxRedemptions: promotion.maxRedemptions ?? null },
    expiresAt: new Date(Date.now() + SESSION_LIFETIME_S * 1000),
  })
  if ('attempt' in taken) return { hold: { id: holdId, attempt: taken.attempt }, promotion }
  switch (taken.refused) {
    case 'taken':
      return null
    case 'over_limit':
      throw overHoldLimit(`You already have ${taken.open} checkouts open.`)
    case 'units_over_limit':
      throw overHoldLimit(
        `Checkouts from your connection can hold at most ${taken.limit} items at a time.`,
      )
    case 'variant_over_limit': {
      const line = priced.lines.find(
        (l) => l.productId === taken.productId && l.variantKey === taken.variantKey,
      )
      throw overHoldLimit(
        `Checkouts from your connection can hold at most ${taken.limit} of ${lineName(line)} at a time.`,
      )
    }
    case 'code_used_up':
      throw codeRefused({
        ok: false,
        reason: 'exhausted',
        message: `${promotion?.code} has been used up.`,
      })
    case 'short': {
      const line = priced.lines.find(
        (l) => l.productId === taken.productId && l.variantKey === taken.variantKey,
      )
      throw new OutOfStock(line?.title ?? 'an item', line?.variantTitle ?? '', taken.available)
    }
  }
}

const lineName = (line: PricedCart['lines'][number] | undefined) =>
  line ? (line.variantTitle ? `${line.title} (${line.variantTitle})` : line.title) : 'one item'

async function openSession(
  { hold, promotion }: Held,
  cart: Cart,
  priced: PricedCart,
  buyer: Buyer | null,
) {
  const key = `${checkoutKey(cart, buyer)}-${hold.attempt}`
  let session: Stripe.Checkout.Session
  try {
    const discount = promotion && {
      promotion,
      coupon: await couponFor(promotion, priced.currency, key),
    }
    session = await stripe().checkout.sessions.create(
      sessionParams(priced, hold.id, cart.id, discount, buyer),
      { idempotencyKey: key },
    )
  } catch (error) {
    await releaseHold(hold.id)
    const reason = isStripeError(error) ? error.message : 'the payment service did not answer'
    throw new HttpError(
      502,
      `We could not start the checkout (${reason}). Nothing was charged; please try again.`,
    )
  }
  const attached = await db().transaction(async (tx) => {
    const [row] = await tx
      .update(holds)
      .set({
        sessionId: session.id,
        checkoutUrl: session.url,
        expiresAt: new Date(session.expires_at * 1000),
        accountId: buyer?.accountId ?? null,
      })
      .where(and(eq(holds.id, hold.id), eq(holds.status, 'open'), isNull(holds.sessionId)))
      .returning({ id: holds.id })
    // Only a session that holds stock is recorded as ours: a swept one is expired below and never fulfilled.
    if (row)
      await recordSession(tx, { sessionId: session.id, holdId: hold.id, attempt: hold.attempt })
    return Boolean(row)
  })
  if (!attached) {
    // The hold was swept while Stripe answered (a very slow request): nothing holds this session's stock, so it must not be paid.
    await stripe()
      .checkout.sessions.expire(session.id)
      .catch(() => undefined)
    throw new HttpError(
      503,
      'The checkout took too long to open. Nothing was charged; please try again.',
      {},
      { 'retry-after': '1' },
    )
  }
  return { url: session.url!, sessionId: session.id }
}

const codeRefused = (refusal: Extract<Evaluation, { ok: false }>) =>
  new HttpError(409, `${refusal.message} Remove the code to check out without it.`, {
    reason: refusal.reason,
  })

/** The code's rules re-read now (its limit is enforced again when the use is held). */
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

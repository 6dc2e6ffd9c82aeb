import 'server-only'
import { quoteShipping, type ShippingQuote } from '../checkout/shipping'
import { freshClient } from '../content/client'
import { imageUrl } from '../content/image'
import { evaluatePromotion, type Evaluation } from '../promotions/discount'
import { refKey } from '../inventory/available'
import { stockLevels } from '../inventory/levels'
import { findPromotion } from '../promotions/store'
import { cachedStoreSettings, currentStoreSettings } from '../store-settings'
import { cachedContentForRoute } from '../content/fetch'
import { CART_PRODUCTS_QUERY } from '@/sanity/queries'
import type { CART_PRODUCTS_QUERY_RESULT } from '@/sanity/types'
import type { Cart, CartLine } from './schema'
import { itemCount } from './count'
import { TAX_CODE } from '../tax-code'

export type CartProduct = CART_PRODUCTS_QUERY_RESULT[number]

type LineStatus = 'ok' | 'insufficient' | 'sold_out' | 'unavailable'

export type PricedLine = CartLine & {
  title: string
  variantTitle: string
  sku: string | null
  slug: string | null
  imageUrl: string | null
  imageAlt: string
  unitAmount: number
  currency: string
  /** The product's Stripe tax code, sent only when Stripe Tax is on. */
  taxCode: string | null
  available: number
  status: LineStatus
  /** What can be bought now: the quantity, capped by available stock. */
  purchasableQuantity: number
  lineTotal: number
  message: string | null
}

export type PricedCart = {
  lines: PricedLine[]
  count: number
  subtotal: number
  /** The applied code and what it takes off, or why it takes nothing off right now. */
  promotion: ({ code: string } & Evaluation) | null
  discount: number
  /** Subtotal less discount: what the goods cost, and what free shipping is measured against. */
  goodsTotal: number
  shipping: ShippingQuote[]
  currency: string
  canCheckout: boolean
}

/**
 * Where a cart's content comes from. `fresh`: straight from the lake, for what is charged (checkout).
 * `cached`: from the content cache that pages read, one entry per product, which a publish expires
 * everywhere at once: for showing and changing the cart, so a cart view costs no lake request.
 */
export type ContentSource = 'fresh' | 'cached'

export async function loadCartProducts(
  ids: string[],
  source: ContentSource = 'fresh',
): Promise<Map<string, CartProduct>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const products =
    source === 'fresh'
      ? await freshClient().fetch(CART_PRODUCTS_QUERY, { ids: unique }, { cache: 'no-store' })
      : (
          await Promise.all(
            unique.map((id) => cachedContentForRoute(CART_PRODUCTS_QUERY, { ids: [id] })),
          )
        ).flat()
  return new Map(products.map((product) => [product._id, product]))
}

/** Prices one line from the product as it is now and the units available. A vanished product is reported, never dropped. */
export function priceLine(
  line: CartLine,
  product: CartProduct | undefined,
  available: number,
): PricedLine {
  const variant = product?.variants?.find((v) => v._key === line.variantKey)
  if (!product || !variant || variant.priceCents === null) {
    return {
      ...line,
      title: product?.title ?? 'A product that is no longer available',
      variantTitle: variant?.title ?? '',
      sku: variant?.sku ?? null,
      slug: product?.slug ?? null,
      imageUrl: null,
      imageAlt: '',
      unitAmount: 0,
      currency: 'usd',
      taxCode: null,
      available: 0,
      status: 'unavailable',
      purchasableQuantity: 0,
      lineTotal: 0,
      message: 'This item is no longer sold. Remove it to check out.',
    }
  }
  const status: LineStatus =
    available === 0 ? 'sold_out' : available < line.quantity ? 'insufficient' : 'ok'
  const purchasableQuantity = Math.min(line.quantity, available)
  return {
    ...line,
    title: product.title ?? 'Untitled product',
    variantTitle: variant.title ?? '',
    sku: variant.sku,
    slug: product.slug,
    imageUrl: product.image?.asset ? imageUrl(product.image, 160) : null,
    imageAlt: product.image?.alt ?? '',
    unitAmount: variant.priceCents,
    currency: variant.currency ?? 'usd',
    // The Studio validates the code, the API does not: one Stripe would refuse is left out, as for shipping rates.
    taxCode: product.taxCode && TAX_CODE.test(product.taxCode) ? product.taxCode : null,
    available,
    status,
    purchasableQuantity,
    lineTotal: variant.priceCents * purchasableQuantity,
    message:
      status === 'sold_out'
        ? 'Sold out. Remove it to check out.'
        : status === 'insufficient'
          ? `Only ${available} left. Lower the quantity to check out.`
          : null,
  }
}

/**
 * The cart priced as it is now: products, the code's rules and shipping rates from the lake (or,
 * to show it, the content cache: ContentSource); stock and code uses from PostgreSQL.
 */
export async function priceCart(
  cart: Cart,
  { content = 'fresh', now = new Date() }: { content?: ContentSource; now?: Date } = {},
): Promise<PricedCart> {
  const [products, levels, settings, promotionDoc] = await Promise.all([
    loadCartProducts(
      cart.lines.map((line) => line.productId),
      content,
    ),
    stockLevels(cart.lines),
    content === 'fresh' ? currentStoreSettings() : cachedStoreSettings(),
    cart.promotionCode ? findPromotion(cart.promotionCode) : null,
  ])
  const lines = cart.lines.map((line) =>
    priceLine(line, products.get(line.productId), levels.get(refKey(line))?.available ?? 0),
  )
  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0)
  const promotion = cart.promotionCode
    ? {
        code: cart.promotionCode,
        ...evaluatePromotion(promotionDoc, cart.promotionCode, subtotal, now),
      }
    : null
  const discount = promotion?.ok ? promotion.amount : 0
  return {
    lines,
    count: itemCount(cart),
    subtotal,
    promotion,
    discount,
    goodsTotal: subtotal - discount,
    shipping: quoteShipping(settings.shippingRates, subtotal - discount),
    currency: lines.find((line) => line.status !== 'unavailable')?.currency ?? 'usd',
    canCheckout: lines.length > 0 && lines.every((line) => line.status === 'ok'),
  }
}

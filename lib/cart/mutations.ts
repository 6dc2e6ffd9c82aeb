import 'server-only'
import { freshClient } from '../content/client'
import { HttpError } from '../http/errors'
import { refKey } from '../inventory/available'
import { stockLevels } from '../inventory/levels'
import { ARTICLE_EXISTS_QUERY } from '@/sanity/queries'
import { addLine, findLine, setQuantity } from './lines'
import { loadCartProducts, priceCart, priceLine, type PricedCart } from './pricing'
import type { Cart, CartLine } from './schema'

/** Refuses a quantity the store cannot sell, naming the product. */
async function assertSellable(productId: string, variantKey: string, quantity: number) {
  const [products, levels] = await Promise.all([
    loadCartProducts([productId], 'cached'),
    stockLevels([{ productId, variantKey }]),
  ])
  const priced = priceLine(
    { productId, variantKey, quantity },
    products.get(productId),
    levels.get(refKey({ productId, variantKey }))?.available ?? 0,
  )
  if (priced.status === 'unavailable')
    throw new HttpError(404, 'That product or option does not exist')
  if (priced.available < quantity) {
    throw new HttpError(
      409,
      priced.available === 0
        ? `${priced.title} (${priced.variantTitle}) is sold out`
        : `Only ${priced.available} of ${priced.title} (${priced.variantTitle}) left`,
      { available: priced.available },
    )
  }
}

export async function addToCart(cart: Cart, input: CartLine): Promise<Cart> {
  if (input.sourceArticle) {
    const exists = await freshClient().fetch(
      ARTICLE_EXISTS_QUERY,
      { id: input.sourceArticle },
      { cache: 'no-store' },
    )
    if (!exists) throw new HttpError(400, 'Unknown source article')
  }
  const next = addLine(cart, input)
  await assertSellable(input.productId, input.variantKey, findLine(next, input)!.quantity)
  return next
}

export async function changeQuantity(
  cart: Cart,
  target: Pick<CartLine, 'productId' | 'variantKey'>,
  quantity: number,
): Promise<Cart> {
  const next = setQuantity(cart, target, quantity)
  // Lowering a quantity is always allowed, so a buyer can fix a line that ran short.
  const current = findLine(cart, target)!.quantity
  if (quantity > current) await assertSellable(target.productId, target.variantKey, quantity)
  return next
}

/** Applies a promotion code if it takes something off this cart now (the cart comes back priced); otherwise says why not. */
export async function applyPromotion(
  cart: Cart,
  code: string,
): Promise<{ cart: Cart; priced: PricedCart }> {
  if (cart.lines.length === 0)
    throw new HttpError(400, 'Add something to your cart before entering a code')
  const next = { ...cart, promotionCode: code }
  const priced = await priceCart(next, { content: 'cached' })
  if (!priced.promotion?.ok)
    throw new HttpError(422, priced.promotion?.message ?? `${code} cannot be used`, {
      reason: priced.promotion?.reason,
    })
  return { cart: next, priced }
}

export function removePromotion(cart: Cart): Cart {
  const { promotionCode: _removed, ...rest } = cart
  return rest
}

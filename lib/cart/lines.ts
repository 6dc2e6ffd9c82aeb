import { MAX_LINES, MAX_QUANTITY, type Cart, type CartLine } from './schema'
import { HttpError } from '../http/errors'

const same = (
  a: Pick<CartLine, 'productId' | 'variantKey'>,
  b: Pick<CartLine, 'productId' | 'variantKey'>,
) => a.productId === b.productId && a.variantKey === b.variantKey

export function findLine(cart: Cart, target: Pick<CartLine, 'productId' | 'variantKey'>) {
  return cart.lines.find((line) => same(line, target))
}

/** Adds units; the first article a product was added from keeps the attribution. */
export function addLine(cart: Cart, input: CartLine): Cart {
  const existing = findLine(cart, input)
  if (existing) {
    const quantity = existing.quantity + input.quantity
    if (quantity > MAX_QUANTITY)
      throw new HttpError(400, `You can buy at most ${MAX_QUANTITY} of one item`)
    return {
      ...cart,
      lines: cart.lines.map((line) =>
        line === existing
          ? { ...line, quantity, sourceArticle: line.sourceArticle ?? input.sourceArticle }
          : line,
      ),
    }
  }
  if (cart.lines.length >= MAX_LINES)
    throw new HttpError(400, `A cart can hold at most ${MAX_LINES} different items`)
  return { ...cart, lines: [...cart.lines, input] }
}

/** Sets a line's quantity; zero removes it. */
export function setQuantity(
  cart: Cart,
  target: Pick<CartLine, 'productId' | 'variantKey'>,
  quantity: number,
): Cart {
  if (!findLine(cart, target)) throw new HttpError(404, 'That item is not in your cart')
  if (quantity === 0) return removeLine(cart, target)
  return {
    ...cart,
    lines: cart.lines.map((line) => (same(line, target) ? { ...line, quantity } : line)),
  }
}

export function removeLine(cart: Cart, target: Pick<CartLine, 'productId' | 'variantKey'>): Cart {
  if (!findLine(cart, target)) throw new HttpError(404, 'That item is not in your cart')
  return { ...cart, lines: cart.lines.filter((line) => !same(line, target)) }
}

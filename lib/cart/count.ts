/**
 * How many units a cart holds, whether or not each line can still be bought: the header's count.
 * Free of server imports, so the browser's optimistic cart counts the same way.
 */
export function itemCount(cart: { lines: ReadonlyArray<{ quantity: number }> }) {
  return cart.lines.reduce((sum, line) => sum + line.quantity, 0)
}

/**
 * The units in the cart, readable by the page's own script: the header shows them on pages cached
 * for everyone, into which the server cannot put one visitor's count. A display hint only (the
 * signed cart decides everything), written with every cart answer (request.ts).
 */
export const CART_COUNT_COOKIE = 'rw_cart_count'

/** The count as the browser reads it from `document.cookie`: a missing or malformed one is an empty cart. */
export function countFromCookies(cookieHeader: string) {
  const value = cookieHeader
    .split(';')
    .map((pair) => pair.trim().split('='))
    .find(([key]) => key === CART_COUNT_COOKIE)?.[1]
  return value && /^\d{1,4}$/.test(value) ? Number(value) : 0
}

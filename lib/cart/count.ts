/**
 * How many units a cart holds, whether or not each line can still be bought: the header's count.
 * Free of server imports, so the browser's optimistic cart counts the same way.
 */
export function itemCount(cart: { lines: ReadonlyArray<{ quantity: number }> }) {
  return cart.lines.reduce((sum, line) => sum + line.quantity, 0)
}

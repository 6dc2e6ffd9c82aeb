import { Shopper } from '../shopper'
import type { Stack } from '../stack'
import { pool, type Figure } from '../util'

const PILLOW = { productId: 'product-cooling-pillow', variantKey: 'standard' }

/** A script looping "new cookie → add → checkout" from one address holds a few units, not the shelf; a real buyer still buys. */
export async function holdHog(stack: Stack): Promise<Figure> {
  await stack.setStock(PILLOW.productId, PILLOW.variantKey, 1000)
  const statuses = await pool(500, 20, async () => {
    const hog = new Shopper(40001) // the same address every time, with a fresh cookie
    await hog.add(PILLOW.productId, PILLOW.variantKey)
    return (await hog.checkout()).status
  })
  const held = (await stack.stock(PILLOW.productId, PILLOW.variantKey)).held
  const buyer = new Shopper(40002)
  await buyer.add(PILLOW.productId, PILLOW.variantKey)
  const bought = await buyer.checkout()
  const opened = statuses.filter((s) => s === 200).length
  const pass = held <= 3 && opened <= 3 && Boolean(bought.url)
  return {
    check: 'Hold hog',
    figure: `500 scripted checkouts from one address → ${opened} opened, ${held} units held; ${statuses.filter((s) => s === 429).length} × 429; a buyer from another address → ${bought.status}`,
    target: '≤ 3 units held by one client, another buyer still checks out',
    pass,
  }
}

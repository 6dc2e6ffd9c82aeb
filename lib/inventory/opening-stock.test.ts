import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../db/client'
import { inventory, stockChanges } from '../db/schema'
import { startBuyingStack } from '../test/buying-stack'
import { parseOpeningStock, stockOpening } from './opening-stock'

/** A fresh store's opening stock, against a real PostgreSQL and the seeded lake. */
let stack: Awaited<ReturnType<typeof startBuyingStack>>
const CAPS = 'product-magnesium-glycinate'

beforeAll(async () => {
  stack = await startBuyingStack()
  // As on a freshly migrated database: these variants have no row at all.
  await db().delete(inventory).where(eq(inventory.productId, CAPS))
})
afterAll(() => stack.stop())

describe('parseOpeningStock', () => {
  it('reads the CSV with its header, and says which line is wrong', () => {
    expect(
      parseOpeningStock('productId,variantKey,onHand\r\np-1,navy,12\n\np-1,blush,0\n', 'stock.csv'),
    ).toEqual([
      { productId: 'p-1', variantKey: 'navy', onHand: 12 },
      { productId: 'p-1', variantKey: 'blush', onHand: 0 },
    ])
    expect(() =>
      parseOpeningStock('productId,variantKey,onHand\np-1,navy,-3\n', 'stock.csv'),
    ).toThrow(/stock.csv, line 2/)
    expect(() => parseOpeningStock('sku,qty\n', 'stock.csv')).toThrow(
      /first line must be productId,variantKey,onHand/,
    )
  })
})

describe('stockOpening', () => {
  it('stocks unstocked variants as restocks in their history, leaves stocked ones, refuses unknown ones, and runs once', async () => {
    const rows = parseOpeningStock(
      `productId,variantKey,onHand\n${CAPS},60-caps,40\n${CAPS},120-caps,25\nproduct-silk-sleep-mask,navy,99\n${CAPS},no-such-variant,5\n`,
      'stock.csv',
    )
    const maskBefore = (await stack.stock('product-silk-sleep-mask', 'navy')).onHand
    const first = await stockOpening(rows, 'deployer')
    expect(first.map((r) => r.outcome)).toEqual([
      'stocked',
      'stocked',
      'already stocked',
      'refused',
    ])
    expect(first[3].reason).toMatch(/No such variant/)
    expect((await stack.stock(CAPS, '60-caps')).onHand).toBe(40)
    expect((await stack.stock(CAPS, '120-caps')).onHand).toBe(25)
    expect((await stack.stock('product-silk-sleep-mask', 'navy')).onHand).toBe(maskBefore)
    const history = await db()
      .select()
      .from(stockChanges)
      .where(
        and(
          eq(stockChanges.productId, CAPS),
          inArray(stockChanges.variantKey, ['60-caps', '120-caps']),
        ),
      )
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          variantKey: '60-caps',
          kind: 'restock',
          fromOnHand: 0,
          toOnHand: 40,
          editor: 'deployer',
          note: 'Opening stock',
        }),
        expect.objectContaining({
          variantKey: '120-caps',
          kind: 'restock',
          fromOnHand: 0,
          toOnHand: 25,
        }),
      ]),
    )
    const again = await stockOpening(rows, 'deployer')
    expect(again.map((r) => r.outcome)).toEqual([
      'already stocked',
      'already stocked',
      'already stocked',
      'refused',
    ])
    expect((await stack.stock(CAPS, '60-caps')).onHand).toBe(40)
  })
})

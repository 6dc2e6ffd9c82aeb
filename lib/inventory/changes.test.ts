import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../db/client'
import { inventory, stockChanges } from '../db/schema'
import { HttpError } from '../http/errors'
import { startBuyingStack } from '../test/buying-stack'
import { recordStockChange, stockHistory } from './changes'
import { takeHold } from '../checkout/holds'

/** Editors' restocks and corrections against a real PostgreSQL and the seeded lake. */
let stack: Awaited<ReturnType<typeof startBuyingStack>>
const CAPS = { productId: 'product-magnesium-glycinate', variantKey: '60-caps' }
const EDITOR = 'Ada Editor (p1)'

beforeAll(async () => {
  stack = await startBuyingStack()
})
afterAll(() => stack.stop())

const onHand = async (ref = CAPS) => (await stack.stock(ref.productId, ref.variantKey)).onHand
const restock = (quantity: number, requestId = randomUUID(), ref = CAPS) =>
  recordStockChange({ ...ref, requestId, kind: 'restock', quantity, editor: EDITOR })
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: HttpError) => error,
  )

describe('recordStockChange', () => {
  it('applies a request once, however often it is sent, even at the same moment', async () => {
    const before = await onHand()
    const requestId = randomUUID()
    const results = await Promise.all([
      restock(5, requestId),
      restock(5, requestId),
      restock(5, requestId),
    ])
    expect(results.filter((r) => r.applied)).toHaveLength(1)
    expect(new Set(results.map((r) => r.change.id)).size).toBe(1)
    const again = await restock(5, requestId)
    expect(again).toMatchObject({
      applied: false,
      change: { fromOnHand: before, toOnHand: before + 5 },
    })
    expect(await onHand()).toBe(before + 5)
    expect(
      await db().select().from(stockChanges).where(eq(stockChanges.requestId, requestId)),
    ).toHaveLength(1)
  })

  it('adds up concurrent restocks of one variant: none is lost', async () => {
    const before = await onHand()
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => restock(i + 1)))
    expect(results.every((r) => r.applied)).toBe(true)
    expect(await onHand()).toBe(before + 78)
    // Each took the row in turn: every change starts where another ended (or at the start).
    const chain = results.map((r) => r.change).sort((a, b) => a.fromOnHand - b.fromOnHand)
    chain.forEach((change, i) =>
      expect(change.fromOnHand).toBe(i === 0 ? before : chain[i - 1].toOnHand),
    )
  })

  it('sets a counted number, but never below what open checkouts hold', async () => {
    const pillow = { productId: 'product-cooling-pillow', variantKey: 'standard' }
    await stack.setStock(pillow.productId, pillow.variantKey, 10)
    const lines = [{ ...pillow, quantity: 4 }]
    const hold = {
      id: 'hold-pillow',
      cartId: 'cart-pillow',
      holder: 'a-client',
      lines,
      promotion: null,
      expiresAt: new Date(Date.now() + 60_000),
    }
    expect(await takeHold(hold)).toEqual({ attempt: 1 })
    const correct = (count: number) =>
      recordStockChange({
        ...pillow,
        requestId: randomUUID(),
        kind: 'correction',
        onHand: count,
        editor: EDITOR,
        note: 'shelf count',
      })

    const refused = await refusal(correct(3))
    expect(refused).toBeInstanceOf(HttpError)
    expect(refused).toMatchObject({ status: 409, message: expect.stringContaining('hold 4') })
    expect(await onHand(pillow)).toBe(10)

    await expect(correct(4)).resolves.toMatchObject({
      applied: true,
      change: { fromOnHand: 10, toOnHand: 4 },
    })
    expect(await stack.stock(pillow.productId, pillow.variantKey)).toEqual({
      onHand: 4,
      held: 4,
      sold: 0,
    })
  })

  it('keeps who, when and from what to what, newest first', async () => {
    const start = Date.now()
    const first = await restock(2)
    const second = await recordStockChange({
      ...CAPS,
      requestId: randomUUID(),
      kind: 'correction',
      onHand: 50,
      editor: 'Local editor',
    })
    const history = await stockHistory(CAPS.productId, 2)
    expect(history.map((c) => c.id)).toEqual([second.change.id, first.change.id])
    expect(history[0]).toMatchObject({
      kind: 'correction',
      editor: 'Local editor',
      fromOnHand: first.change.toOnHand,
      toOnHand: 50,
      variantKey: '60-caps',
    })
    expect(history[1]).toMatchObject({
      kind: 'restock',
      editor: EDITOR,
      toOnHand: first.change.fromOnHand + 2,
    })
    expect(history[0].createdAt.getTime()).toBeGreaterThanOrEqual(start - 1000)
  })

  it('starts a variant nobody stocked yet from zero', async () => {
    const key = await stack.firstKey('product-massage-roller')
    const ref = { productId: 'product-massage-roller', variantKey: key }
    await stack.database
      .delete(inventory)
      .where(and(eq(inventory.productId, ref.productId), eq(inventory.variantKey, key)))
    await expect(restock(3, randomUUID(), ref)).resolves.toMatchObject({
      change: { fromOnHand: 0, toOnHand: 3 },
    })
    expect(await stack.stock(ref.productId, key)).toEqual({ onHand: 3, held: 0, sold: 0 })
  })

  it('refuses a variant the published product does not have, and a request id reused for another change', async () => {
    expect(
      await refusal(restock(1, randomUUID(), { productId: CAPS.productId, variantKey: 'no-such' })),
    ).toMatchObject({ status: 404 })
    expect(
      await refusal(
        restock(1, randomUUID(), {
          productId: 'drafts.product-magnesium-glycinate',
          variantKey: '60-caps',
        }),
      ),
    ).toMatchObject({ status: 404 })
    const requestId = randomUUID()
    await restock(1, requestId)
    const other = { productId: 'product-magnesium-glycinate', variantKey: '120-caps' }
    expect(await refusal(restock(1, requestId, other))).toMatchObject({ status: 409 })
  })
})

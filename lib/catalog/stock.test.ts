import { describe, expect, it } from 'vitest'
import { productSummary, stockState } from './stock'

const THRESHOLD = 5

describe('stockState', () => {
  it('is sold out at zero or below, low up to the threshold, in stock above it', () => {
    expect(stockState(3, 0)).toEqual({ kind: 'in_stock' })
    expect(stockState(12, 20)).toEqual({ kind: 'low', left: 12 })
    expect(stockState(0, THRESHOLD)).toEqual({ kind: 'sold_out' })
    expect(stockState(-2, THRESHOLD)).toEqual({ kind: 'sold_out' })
    expect(stockState(null, THRESHOLD)).toEqual({ kind: 'sold_out' })
    expect(stockState(1, THRESHOLD)).toEqual({ kind: 'low', left: 1 })
    expect(stockState(THRESHOLD, THRESHOLD)).toEqual({ kind: 'low', left: THRESHOLD })
    expect(stockState(THRESHOLD + 1, THRESHOLD)).toEqual({ kind: 'in_stock' })
  })
})

describe('productSummary', () => {
  it('reports the lowest price, whether prices vary, and stock across variants', () => {
    const summary = productSummary([
      { priceCents: 4200, currency: 'usd', available: 0 },
      { priceCents: 2400, currency: 'usd', available: 3 },
    ])
    expect(summary).toEqual({ fromPrice: 2400, currency: 'usd', hasRange: true, available: 3 })
  })

  it('treats reserved-beyond-stock (negative availability) as nothing available', () => {
    expect(productSummary([{ priceCents: 100, currency: 'usd', available: -4 }]).available).toBe(0)
  })

  it('handles a product with no variants', () => {
    expect(productSummary(null)).toMatchObject({ fromPrice: null, available: 0 })
  })
})

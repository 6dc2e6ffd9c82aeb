import { describe, expect, it } from 'vitest'
import { LOW_STOCK_THRESHOLD, productSummary, stockState } from './stock'

describe('stockState', () => {
  it('is sold out at zero or below, low up to the threshold, in stock above it', () => {
    expect(stockState(0)).toEqual({ kind: 'sold_out' })
    expect(stockState(-2)).toEqual({ kind: 'sold_out' })
    expect(stockState(null)).toEqual({ kind: 'sold_out' })
    expect(stockState(1)).toEqual({ kind: 'low', left: 1 })
    expect(stockState(LOW_STOCK_THRESHOLD)).toEqual({ kind: 'low', left: LOW_STOCK_THRESHOLD })
    expect(stockState(LOW_STOCK_THRESHOLD + 1)).toEqual({ kind: 'in_stock' })
  })
})

describe('productSummary', () => {
  it('reports the lowest price, whether prices vary, and stock across variants', () => {
    const summary = productSummary([
      { priceCents: 4200, currency: 'usd', available: 0 },
      { priceCents: 2400, currency: 'usd', available: 3 },
    ])
    expect(summary).toEqual({ fromPrice: 2400, currency: 'usd', hasRange: true, stock: { kind: 'low', left: 3 } })
  })

  it('treats reserved-beyond-stock (negative availability) as nothing available', () => {
    expect(productSummary([{ priceCents: 100, currency: 'usd', available: -4 }]).stock).toEqual({ kind: 'sold_out' })
  })

  it('handles a product with no variants', () => {
    expect(productSummary(null)).toMatchObject({ fromPrice: null, stock: { kind: 'sold_out' } })
  })
})

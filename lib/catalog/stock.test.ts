import { describe, expect, it } from 'vitest'
import { productSummary, stockState, totalAvailable } from './stock'

const THRESHOLD = 5

describe('stockState', () => {
  it('is sold out at zero or below, low up to the threshold, in stock above it', () => {
    expect(stockState(3, 0)).toEqual({ kind: 'in_stock' })
    expect(stockState(12, 20)).toEqual({ kind: 'low', left: 12 })
    expect(stockState(0, THRESHOLD)).toEqual({ kind: 'sold_out' })
    expect(stockState(-2, THRESHOLD)).toEqual({ kind: 'sold_out' })
    expect(stockState(1, THRESHOLD)).toEqual({ kind: 'low', left: 1 })
    expect(stockState(THRESHOLD, THRESHOLD)).toEqual({ kind: 'low', left: THRESHOLD })
    expect(stockState(THRESHOLD + 1, THRESHOLD)).toEqual({ kind: 'in_stock' })
  })
})

describe('productSummary', () => {
  it('reports the lowest price and whether prices vary', () => {
    const summary = productSummary([
      { priceCents: 4200, currency: 'usd' },
      { priceCents: 2400, currency: 'usd' },
    ])
    expect(summary).toEqual({ fromPrice: 2400, currency: 'usd', hasRange: true })
  })

  it('handles a product with no variants', () => {
    expect(productSummary(null)).toMatchObject({ fromPrice: null })
  })
})

describe('totalAvailable', () => {
  it('sums units across variants, counting none below zero', () => {
    expect(totalAvailable([{ available: 0 }, { available: 3 }, { available: -4 }])).toBe(3)
  })

  it('is unknown when any variant is unknown (the database could not be read)', () => {
    expect(totalAvailable([{ available: 2 }, { available: null }])).toBeNull()
    expect(stockState(null, THRESHOLD)).toEqual({ kind: 'unknown' })
  })
})

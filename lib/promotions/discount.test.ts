import { describe, expect, it } from 'vitest'
import { discountFor, evaluatePromotion, percentOf, type PromotionDoc } from './discount'

const promotion = (overrides: Partial<PromotionDoc> = {}): PromotionDoc => ({
  _id: 'promotion-test',
  code: 'TEST',
  active: true,
  discountType: 'percent',
  percentOff: 10,
  amountOffCents: null,
  minSubtotalCents: null,
  startsAt: null,
  endsAt: null,
  maxRedemptions: null,
  redemptions: 0,
  reserved: 0,
  ...overrides,
})

const NOW = new Date('2026-06-01T12:00:00Z')

describe('discount amounts', () => {
  it('rounds percentages to the cent, half up, in integers', () => {
    expect(percentOf(1005, 10)).toBe(101) // 100.5 → 101
    expect(percentOf(1004, 10)).toBe(100) // 100.4 → 100
    expect(percentOf(333, 15)).toBe(50) // 49.95 → 50
    expect(percentOf(4800, 10)).toBe(480)
    expect(percentOf(1, 50)).toBe(1) // 0.5 → 1
    expect(percentOf(0, 10)).toBe(0)
  })

  it('never takes a fixed amount below zero, and 100% is exactly the goods', () => {
    expect(discountFor({ discountType: 'amount', amountOffCents: 500 }, 300)).toBe(300)
    expect(discountFor({ discountType: 'amount', amountOffCents: 500 }, 4800)).toBe(500)
    expect(discountFor({ discountType: 'percent', percentOff: 100 }, 4799)).toBe(4799)
  })
})

describe('evaluatePromotion', () => {
  it('applies a valid code with a label', () => {
    expect(evaluatePromotion(promotion(), 'TEST', 4800, NOW)).toEqual({
      ok: true,
      amount: 480,
      label: '10% off',
    })
    expect(
      evaluatePromotion(
        promotion({ discountType: 'amount', percentOff: null, amountOffCents: 500 }),
        'TEST',
        4800,
        NOW,
      ),
    ).toEqual({
      ok: true,
      amount: 500,
      label: '$5.00 off',
    })
  })

  it('refuses unknown, inactive, early, expired and used-up codes with a reason', () => {
    const reason = (doc: PromotionDoc | null) => {
      const result = evaluatePromotion(doc, 'TEST', 4800, NOW)
      return result.ok ? 'ok' : result.reason
    }
    expect(reason(null)).toBe('unknown')
    expect(reason(promotion({ active: false }))).toBe('inactive')
    expect(reason(promotion({ startsAt: '2026-06-02T00:00:00Z' }))).toBe('not_started')
    expect(reason(promotion({ endsAt: '2026-06-01T12:00:00Z' }))).toBe('expired') // the end itself is past
    expect(reason(promotion({ endsAt: '2026-06-01T12:00:01Z' }))).toBe('ok')
    expect(reason(promotion({ maxRedemptions: 3, redemptions: 2, reserved: 1 }))).toBe('exhausted') // held uses count
    expect(reason(promotion({ maxRedemptions: 3, redemptions: 2, reserved: 0 }))).toBe('ok')
  })

  it('needs the minimum goods total, and says how much is missing', () => {
    const min = promotion({ minSubtotalCents: 3000 })
    expect(evaluatePromotion(min, 'TEST', 3000, NOW).ok).toBe(true)
    const below = evaluatePromotion(min, 'TEST', 2999, NOW)
    expect(below).toMatchObject({ ok: false, reason: 'below_minimum' })
    expect(!below.ok && below.message).toContain('add $0.01 more')
  })

  it('refuses a document the Studio would have refused: negative, fractional or missing amounts', () => {
    for (const bad of [
      { percentOff: -10 },
      { percentOff: 12.5 },
      { percentOff: 150 },
      { percentOff: null },
      { discountType: 'amount', amountOffCents: -500 },
      { discountType: 'amount', amountOffCents: 99.5 },
      { minSubtotalCents: -1 },
    ] as Array<Partial<PromotionDoc>>) {
      expect(evaluatePromotion(promotion(bad), 'TEST', 4800, NOW)).toMatchObject({
        ok: false,
        reason: 'misconfigured',
      })
    }
  })
})

import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, parseSettings } from '../store-settings'
import { quoteShipping, shippingOptions } from './shipping'

const STANDARD = {
  _key: 'standard',
  title: 'Standard',
  amountCents: 595,
  freeFromCents: 7500,
  minDays: 3,
  maxDays: 5,
}
const EXPRESS = {
  _key: 'express',
  title: 'Express',
  amountCents: 1495,
  freeFromCents: null,
  minDays: 1,
  maxDays: 2,
}

describe('shipping quotes', () => {
  it('makes a rate free exactly at its threshold, never just below', () => {
    expect(quoteShipping([STANDARD], 7499)[0].amount).toBe(595)
    expect(quoteShipping([STANDARD], 7500)[0].amount).toBe(0)
    expect(quoteShipping([STANDARD], 0)[0].amount).toBe(595)
  })

  it('always charges a rate without a threshold', () => {
    expect(quoteShipping([STANDARD, EXPRESS], 100_000).map((q) => q.amount)).toEqual([0, 1495])
  })

  it('becomes Stripe shipping options with the amounts we computed', () => {
    const [option] = shippingOptions(quoteShipping([EXPRESS], 4800), 'usd', null)
    expect(option.shipping_rate_data).toMatchObject({
      display_name: 'Express',
      fixed_amount: { amount: 1495, currency: 'usd' },
      delivery_estimate: {
        minimum: { unit: 'business_day', value: 1 },
        maximum: { unit: 'business_day', value: 2 },
      },
      metadata: { rateKey: 'express' },
    })
    // Without Stripe Tax, nothing about tax is sent.
    expect(option.shipping_rate_data).not.toHaveProperty('tax_behavior')
    expect(option.shipping_rate_data).not.toHaveProperty('tax_code')
  })

  it("with Stripe Tax on, says how each rate counts tax and gives shipping's tax code", () => {
    const [option] = shippingOptions(quoteShipping([EXPRESS], 4800), 'usd', {
      behavior: 'inclusive',
      shippingTaxCode: 'txcd_92010001',
    })
    expect(option.shipping_rate_data).toMatchObject({
      tax_behavior: 'inclusive',
      tax_code: 'txcd_92010001',
    })
  })
})

describe('store settings', () => {
  it('leaves out rates the Studio would refuse, and falls back when none remain', () => {
    const settings = parseSettings({
      lowStockThreshold: 3,
      shippingRates: [
        STANDARD,
        { ...EXPRESS, amountCents: -100 },
        { ...EXPRESS, _key: 'slow', amountCents: 9.5 },
        { ...EXPRESS, _key: 'odd', minDays: 4, maxDays: 2 },
      ],
    })
    expect(settings).toEqual({ lowStockThreshold: 3, shippingRates: [STANDARD] })
    expect(
      parseSettings({ lowStockThreshold: -1, shippingRates: [{ ...STANDARD, amountCents: -1 }] }),
    ).toEqual(DEFAULT_SETTINGS)
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS)
  })
})

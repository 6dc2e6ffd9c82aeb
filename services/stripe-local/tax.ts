import { invalid } from './errors'
import { isRecord, string } from './params'

/**
 * Stripe Tax, as the double fakes it: one fixed rate wherever the buyer is, so tests can predict
 * it. Every line and shipping rate is taxed at 8% of what is charged for it (after its share of a
 * discount), rounded to the cent per line, except those with Stripe's nontaxable code.
 */
export const TAX_RATE_PERCENT = 8
const NONTAXABLE_CODE = 'txcd_00000000'

export type TaxBehavior = 'exclusive' | 'inclusive' | 'unspecified'

/** What the session reports under `automatic_tax`; `status` moves to `complete` once the buyer's address is known. */
export type AutomaticTax = {
  enabled: boolean
  liability: { type: 'self' } | null
  provider: 'stripe' | null
  status: 'requires_location_inputs' | 'complete' | null
}

/** `automatic_tax[enabled]` (stripe-node sends booleans as `true`/`false`). */
export function automaticTax(value: unknown): AutomaticTax {
  if (value === undefined) return { enabled: false, liability: null, provider: null, status: null }
  if (!isRecord(value) || (value.enabled !== 'true' && value.enabled !== 'false'))
    throw invalid('Invalid boolean: automatic_tax[enabled]', 'automatic_tax[enabled]')
  for (const key of Object.keys(value))
    if (key !== 'enabled')
      throw invalid(`Received unknown parameter: automatic_tax[${key}]`, `automatic_tax[${key}]`)
  return value.enabled === 'true'
    ? {
        enabled: true,
        liability: { type: 'self' },
        provider: 'stripe',
        status: 'requires_location_inputs',
      }
    : { enabled: false, liability: null, provider: null, status: null }
}

export function taxBehavior(value: unknown, param: string): TaxBehavior {
  if (value === undefined) return 'unspecified'
  if (value !== 'exclusive' && value !== 'inclusive' && value !== 'unspecified')
    throw invalid(`Invalid ${param}: ${String(value)}`, param)
  return value
}

/** A Stripe tax code id (`txcd_` and eight digits), or null when none was given. */
export function taxCode(value: unknown, param: string): string | null {
  const code = string(value, param, { required: false, max: 40 })
  if (code !== null && !/^txcd_\d{8}$/.test(code)) throw invalid(`Invalid tax code: ${code}`, param)
  return code
}

/**
 * With automatic tax, each price needs a tax behavior. Stripe falls back to the default set in the
 * Dashboard's tax settings; the double has no Dashboard, so it asks for one on every price.
 */
export function requireBehavior(behavior: TaxBehavior, param: string) {
  if (behavior === 'unspecified')
    throw invalid(
      'With automatic_tax enabled, set tax_behavior to exclusive or inclusive (the local double has no default).',
      param,
    )
}

/** The tax on an amount: 8% on top of an exclusive one, the 8% it contains for an inclusive one. */
export function taxOn(amount: number, behavior: TaxBehavior, code: string | null) {
  if (code === NONTAXABLE_CODE || behavior === 'unspecified') return 0
  return behavior === 'exclusive'
    ? Math.round((amount * TAX_RATE_PERCENT) / 100)
    : amount - Math.round((amount * 100) / (100 + TAX_RATE_PERCENT))
}

/** What the buyer pays on top of the amount: the tax, unless the amount already includes it. */
export const addedTax = (tax: number, behavior: TaxBehavior) => (behavior === 'exclusive' ? tax : 0)

import { sessionAmounts, type Session } from './sessions'

export type PayForm = Record<string, string>

type Address = {
  line1: string
  line2: string | null
  city: string
  state: string | null
  postal_code: string
  country: string
}

/** How the buyer pays: nothing (the total is 0), a card that pays at once, or a bank debit that settles later. */
type Payment =
  { method: 'card' } | { method: 'us_bank_account'; settlesAs: 'succeeded' | 'failed' } | null

export type PaymentOutcome =
  | {
      ok: true
      email: string
      name: string | null
      address: Address | null
      shippingRateId: string | null
      payment: Payment
    }
  | { ok: false; error: string }

const TEST_CARDS = { succeeds: '4242424242424242', declined: '4000000000000002' }

/** Stripe's test routing number and test US bank accounts, with how each debit settles. */
export const TEST_ROUTING_NUMBER = '110000000'
export const TEST_BANK_ACCOUNTS: Record<string, 'succeeded' | 'failed'> = {
  '000123456789': 'succeeded',
  '000111111113': 'failed', // account closed
  '000111111116': 'failed', // no account found
  '000222222227': 'failed', // insufficient funds
  '000333333335': 'failed', // debits not authorized
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Validates the pay form the way Stripe's page would, and decides the test payment's fate. */
export function checkPayment(session: Session, form: PayForm): PaymentOutcome {
  const email = (form.email ?? '').trim()
  if (!EMAIL.test(email)) return { ok: false, error: 'Enter a valid email address.' }
  const rates = session._shippingRates
  const rate = rates.find((r) => r.id === form.shipping_rate)
  if (rates.length && !rate) return { ok: false, error: 'Choose a shipping method.' }
  const due = sessionAmounts(session, rate).total
  const countries = session.shipping_address_collection?.allowed_countries ?? []
  // With nothing due and no address to collect, Stripe asks for an email only.
  const name = (form.name ?? '').trim() || null
  if (!name && (countries.length || due > 0)) return { ok: false, error: 'Enter your name.' }
  let address: Address | null = null
  if (countries.length) {
    const [line1, city, postal] = [form.line1, form.city, form.postal_code].map((v) =>
      (v ?? '').trim(),
    )
    if (!line1 || !city || !postal)
      return { ok: false, error: 'Enter a complete shipping address.' }
    if (!countries.includes(form.country))
      return { ok: false, error: 'We cannot ship to that country.' }
    address = {
      line1,
      line2: form.line2?.trim() || null,
      city,
      state: form.state?.trim() || null,
      postal_code: postal,
      country: form.country,
    }
  }
  const details = { email, name, address, shippingRateId: rate?.id ?? null }
  if (due === 0) return { ok: true, ...details, payment: null }

  const method = form.payment_method || 'card'
  if (!(session.payment_method_types as string[]).includes(method))
    return { ok: false, error: 'Choose a payment method.' }
  if (method === 'us_bank_account') {
    const payment = checkBankAccount(form)
    return 'error' in payment
      ? { ok: false, error: payment.error }
      : { ok: true, ...details, payment }
  }
  const card = (form.card_number ?? '').replace(/\s+/g, '')
  if (!/^\d{13,19}$/.test(card)) return { ok: false, error: 'Your card number is incomplete.' }
  if (!/^\s*(0[1-9]|1[0-2])\s*\/\s*\d{2}\s*$/.test(form.card_expiry ?? ''))
    return { ok: false, error: 'Your card’s expiration date is incomplete.' }
  if (!/^\d{3,4}$/.test((form.card_cvc ?? '').trim()))
    return { ok: false, error: 'Your card’s security code is incomplete.' }
  if (card === TEST_CARDS.declined) return { ok: false, error: 'Your card was declined.' }
  if (card !== TEST_CARDS.succeeds)
    return {
      ok: false,
      error: 'Your card number is invalid. In test mode, use 4242 4242 4242 4242.',
    }
  return { ok: true, ...details, payment: { method: 'card' } }
}

function checkBankAccount(
  form: PayForm,
): Extract<Payment, { method: 'us_bank_account' }> | { error: string } {
  const routing = (form.routing_number ?? '').replace(/\s+/g, '')
  const account = (form.account_number ?? '').replace(/\s+/g, '')
  if (!/^\d{9}$/.test(routing)) return { error: 'Your routing number is incomplete.' }
  if (!/^\d{4,17}$/.test(account)) return { error: 'Your account number is incomplete.' }
  const settlesAs = routing === TEST_ROUTING_NUMBER ? TEST_BANK_ACCOUNTS[account] : undefined
  if (!settlesAs)
    return {
      error: `Your bank account is invalid. In test mode, use routing number ${TEST_ROUTING_NUMBER} with a test account number.`,
    }
  return { method: 'us_bank_account', settlesAs }
}

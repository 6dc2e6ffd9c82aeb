import { createHash } from 'node:crypto'
import { TEST_BANK_ACCOUNTS, TEST_ROUTING_NUMBER, type PayForm } from './pay-form'
import { sessionAmounts, type Session } from './sessions'
import { TAX_RATE_PERCENT } from './tax'

const escape = (value: unknown) =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

const money = (cents: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(
    cents / 100,
  )

const COUNTRY_NAMES = new Intl.DisplayNames(['en'], { type: 'region' })

function field(name: string, label: string, values: PayForm, attrs = '') {
  return `<label>${label}<input name="${name}" value="${escape(values[name])}" ${attrs}></label>`
}

/** The hosted payment page: the lines, the total, contact and shipping details, and a test card or bank account. */
export function renderPayPage(session: Session, values: PayForm = {}, error?: string) {
  const currency = session.currency
  const lines = session._lineItems
    .map(
      (item) =>
        `<tr><td>${escape(item.description)} × ${item.quantity}</td><td>${money(item.amount_total, currency)}</td></tr>`,
    )
    .join('')
  const rates = session._shippingRates
  const chosenRate = values.shipping_rate ?? rates[0]?.id
  // Each choice carries the amounts it leads to, so the page script only has to show them.
  const shipping = rates.length
    ? `<fieldset><legend>Shipping method</legend>${rates
        .map((rate) => {
          const { tax, total } = sessionAmounts(session, rate)
          return `<label class="opt"><input type="radio" name="shipping_rate" value="${rate.id}" ${rate.id === chosenRate ? 'checked' : ''} data-amount="${rate.fixed_amount.amount}" data-tax="${tax}" data-due="${total}"> ${escape(rate.display_name)} — ${money(rate.fixed_amount.amount, currency)}</label>`
        })
        .join('')}</fieldset>`
    : ''
  const countries = session.shipping_address_collection?.allowed_countries ?? []
  const address = countries.length
    ? `<fieldset><legend>Shipping address</legend>
        ${field('name', 'Full name', values, 'autocomplete="name" required')}
        ${field('line1', 'Address', values, 'autocomplete="address-line1" required')}
        ${field('line2', 'Apartment, suite (optional)', values, 'autocomplete="address-line2"')}
        ${field('city', 'City', values, 'autocomplete="address-level2" required')}
        ${field('state', 'State / region', values, 'autocomplete="address-level1"')}
        ${field('postal_code', 'Postal code', values, 'autocomplete="postal-code" required')}
        <label>Country<select name="country" autocomplete="country">${countries
          .map(
            (c) =>
              `<option value="${c}" ${values.country === c ? 'selected' : ''}>${escape(COUNTRY_NAMES.of(c) ?? c)}</option>`,
          )
          .join('')}</select></label>
      </fieldset>`
    : field('name', 'Full name', values, 'autocomplete="name"')
  const {
    discount,
    shipping: shippingAmount,
    tax,
    total,
  } = sessionAmounts(
    session,
    rates.find((r) => r.id === chosenRate),
  )
  const discountRow = discount
    ? `<tr><td>Discount${session._coupon?.name ? ` (${escape(session._coupon.name)})` : ''}</td><td data-testid="discount-amount">−${money(discount, currency)}</td></tr>`
    : ''
  const included = session._lineItems.every((item) => item.price.tax_behavior === 'inclusive')
  const taxRow = session.automatic_tax.enabled
    ? `<tr><td>${included ? 'Includes tax' : 'Tax'} (${TAX_RATE_PERCENT}%, local double)</td><td data-testid="tax-amount">${money(tax, currency)}</td></tr>`
    : ''

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pay — Local Stripe Checkout</title>
<style>
  body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f9fc;color:#1a1f36}
  main{max-width:960px;margin:0 auto;padding:24px;display:grid;gap:32px;grid-template-columns:1fr}
  @media(min-width:800px){main{grid-template-columns:1fr 1fr}}
  h1{font-size:20px;margin:0 0 8px} table{width:100%;border-collapse:collapse} td{padding:6px 0;border-bottom:1px solid #e3e8ee} td+td{text-align:right}
  .total td{font-weight:600;border:none} form{background:#fff;padding:24px;border-radius:12px;box-shadow:0 2px 8px rgba(0,0,0,.06)}
  label{display:block;margin:10px 0 4px;font-size:14px} input,select{display:block;width:100%;box-sizing:border-box;padding:10px;border:1px solid #c9d1db;border-radius:6px;font:inherit;margin-top:4px}
  .opt input{display:inline;width:auto} fieldset{border:0;padding:0;margin:16px 0} legend{font-weight:600}
  button{width:100%;padding:12px;border:0;border-radius:6px;background:#635bff;color:#fff;font:600 16px system-ui;margin-top:16px;cursor:pointer}
  button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #a5a1ff;outline-offset:1px}
  .error{background:#fdecea;color:#a4161a;padding:10px;border-radius:6px} .test{font-size:13px;color:#556}
  .row{display:grid;grid-template-columns:1fr 1fr;gap:12px}
</style></head>
<body><main>
<section aria-labelledby="summary"><p class="test">TEST MODE · local Stripe double</p><h1 id="summary">Order summary</h1>
<table><tbody>${lines}
<tr><td>Subtotal</td><td>${money(session.amount_subtotal, currency)}</td></tr>
${discountRow}
<tr><td>Shipping</td><td data-testid="shipping-amount">${money(shippingAmount, currency)}</td></tr>
${taxRow}
<tr class="total"><td>Total due</td><td data-testid="total" data-currency="${currency}">${money(total, currency)}</td></tr></tbody></table>
${session.cancel_url ? `<p><a href="${escape(session.cancel_url)}">← Back to the store</a></p>` : ''}
</section>
<form method="post" novalidate>
  ${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
  ${field('email', 'Email', { email: values.email ?? session.customer_email ?? '' }, 'type="email" autocomplete="email" required')}
  ${shipping}
  ${address}
  ${paymentFields(session, values, total)}
  <button type="submit">Pay <span data-testid="pay-amount">${money(total, currency)}</span></button>
</form>
</main><script>${TOTALS_SCRIPT}</script></body></html>`
}

/**
 * How the buyer pays: a card, or a US bank account where the session offers one. Stripe shows no
 * payment fields when nothing is due: none at all when no shipping choice costs anything, hidden
 * while a free choice is selected otherwise.
 */
function paymentFields(session: Session, values: PayForm, due: number) {
  const rates = session._shippingRates.length ? session._shippingRates : [undefined]
  if (Math.max(...rates.map((rate) => sessionAmounts(session, rate).total)) === 0) return ''
  const bank = session.payment_method_types.includes('us_bank_account')
  const method = bank && values.payment_method === 'us_bank_account' ? 'us_bank_account' : 'card'
  const choice = (value: string, label: string) =>
    `<label class="opt"><input type="radio" name="payment_method" value="${value}" ${method === value ? 'checked' : ''}> ${label}</label>`
  const accounts = Object.keys(TEST_BANK_ACCOUNTS)
  const succeeds = accounts.filter((a) => TEST_BANK_ACCOUNTS[a] === 'succeeded').join(', ')
  const fails = accounts.filter((a) => TEST_BANK_ACCOUNTS[a] === 'failed').join(', ')
  return `<fieldset data-payment ${due === 0 ? 'hidden' : ''}><legend>Payment</legend>
  ${bank ? choice('card', 'Card') + choice('us_bank_account', 'Bank account (test)') : ''}
  <div data-method="card" ${method === 'card' ? '' : 'hidden'}>
  ${field('card_number', 'Card number', values, 'inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required')}
  <div class="row">${field('card_expiry', 'Expiry (MM / YY)', values, 'autocomplete="cc-exp" placeholder="12 / 34" required')}${field('card_cvc', 'CVC', values, 'inputmode="numeric" autocomplete="cc-csc" placeholder="123" required')}</div>
  <p class="test">Test cards: 4242 4242 4242 4242 succeeds · 4000 0000 0000 0002 is declined.</p>
  </div>
  ${
    bank
      ? `<div data-method="us_bank_account" ${method === 'us_bank_account' ? '' : 'hidden'}>
  ${field('routing_number', 'Routing number', values, `inputmode="numeric" placeholder="${TEST_ROUTING_NUMBER}"`)}
  ${field('account_number', 'Account number', values, `inputmode="numeric" placeholder="${succeeds}"`)}
  <p class="test">Test bank: routing ${TEST_ROUTING_NUMBER}; account ${succeeds} is paid later; ${fails} fail later.</p>
  </div>`
      : ''
  }
  </fieldset>`
}

/**
 * Keeps the summary in step with the chosen shipping rate, as Stripe's page does; hides the payment
 * fields when nothing is due, and shows the chosen method's fields.
 */
const TOTALS_SCRIPT = `document.addEventListener('change', (e) => {
  if (e.target.name === 'payment_method') {
    for (const div of document.querySelectorAll('[data-method]')) div.hidden = div.dataset.method !== e.target.value
    return
  }
  if (e.target.name !== 'shipping_rate') return
  const total = document.querySelector('[data-testid=total]')
  const fmt = (c) => new Intl.NumberFormat('en-US', { style: 'currency', currency: total.dataset.currency.toUpperCase() }).format(c / 100)
  const due = Number(e.target.dataset.due)
  document.querySelector('[data-testid=shipping-amount]').textContent = fmt(Number(e.target.dataset.amount))
  const tax = document.querySelector('[data-testid=tax-amount]')
  if (tax) tax.textContent = fmt(Number(e.target.dataset.tax))
  total.textContent = fmt(due)
  document.querySelector('[data-testid=pay-amount]').textContent = total.textContent
  document.querySelector('[data-payment]').hidden = due === 0
})`

export const PAY_PAGE_SCRIPT_HASH = `'sha256-${createHash('sha256').update(TOTALS_SCRIPT).digest('base64')}'`

export function renderClosedPage(session: Session) {
  const message =
    session.status === 'expired'
      ? 'This checkout session has expired.'
      : session.payment_status === 'paid'
        ? 'This checkout session is already paid.'
        : 'This checkout session is complete.'
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Checkout closed</title></head>
<body style="font:16px system-ui;padding:40px"><h1>${message}</h1>${session.cancel_url ? `<p><a href="${escape(session.cancel_url)}">Return to the store</a></p>` : ''}</body></html>`
}

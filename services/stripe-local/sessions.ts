import { checkRedeemable, allocate, couponDiscount, type Coupon } from './coupons'
import { invalid, missing } from './errors'
import { nowSeconds, stripeId } from './ids'
import { currency, integer, isRecord, list, metadata, string, url } from './params'
import {
  addedTax,
  automaticTax,
  requireBehavior,
  taxBehavior,
  taxCode,
  taxOn,
  type AutomaticTax,
  type TaxBehavior,
} from './tax'

type Address = {
  line1: string
  line2: string | null
  city: string
  state: string | null
  postal_code: string
  country: string
}

type LineItem = {
  id: string
  object: 'item'
  amount_subtotal: number
  amount_total: number
  amount_discount: number
  amount_tax: number
  currency: string
  description: string
  quantity: number
  price: {
    id: string
    object: 'price'
    currency: string
    unit_amount: number
    product: string
    metadata: Record<string, string>
    tax_behavior: TaxBehavior
    type: 'one_time'
  }
  /** Not part of Stripe's line item; kept privately to answer `expand[]=line_items.data.price.product`. */
  _product: {
    id: string
    object: 'product'
    name: string
    metadata: Record<string, string>
    images: string[]
    tax_code: string | null
  }
}

type Estimate = { unit: 'hour' | 'day' | 'business_day' | 'week' | 'month'; value: number }

type ShippingOption = {
  shipping_amount: number
  shipping_rate: {
    id: string
    object: 'shipping_rate'
    display_name: string
    fixed_amount: { amount: number; currency: string }
    type: 'fixed_amount'
    delivery_estimate: { minimum: Estimate | null; maximum: Estimate | null } | null
    metadata: Record<string, string>
    tax_behavior: TaxBehavior
    tax_code: string | null
  }
}

export type Session = {
  id: string
  object: 'checkout.session'
  amount_subtotal: number
  amount_total: number
  automatic_tax: AutomaticTax
  cancel_url: string | null
  success_url: string
  client_reference_id: string | null
  collected_information: {
    business_name: null
    individual_name: null
    shipping_details: { name: string; address: Address } | null
  } | null
  created: number
  currency: string
  customer_details: {
    email: string
    name: string | null
    address: Address | null
    phone: null
    tax_exempt: 'none'
    tax_ids: []
  } | null
  /** The Customer the session was created for (customers.ts), if any. */
  customer: string | null
  customer_email: string | null
  discounts: Array<{ coupon: string; promotion_code: null }>
  expires_at: number
  livemode: false
  metadata: Record<string, string>
  mode: 'payment'
  payment_intent: string | null
  payment_method_types: PaymentMethodType[]
  payment_status: 'paid' | 'unpaid' | 'no_payment_required'
  shipping_address_collection: { allowed_countries: string[] } | null
  shipping_cost: {
    amount_subtotal: number
    amount_tax: number
    amount_total: number
    shipping_rate: string
  } | null
  shipping_options: Array<{ shipping_amount: number; shipping_rate: string }>
  status: 'open' | 'complete' | 'expired'
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number }
  url: string | null
  /** Private: full line items and shipping rates, served through their own endpoints. */
  _lineItems: LineItem[]
  _shippingRates: ShippingOption['shipping_rate'][]
  _coupon: Coupon | null
  /** Private: how a pending bank debit will settle (set from the test account number), until it does. */
  _settlesAs: 'succeeded' | 'failed' | null
}

export type PaymentMethodType = 'card' | 'us_bank_account'

const KNOWN_PARAMS = new Set([
  'mode',
  'line_items',
  'success_url',
  'cancel_url',
  'metadata',
  'customer_email',
  'client_reference_id',
  'shipping_address_collection',
  'shipping_options',
  'expires_at',
  'payment_method_types',
  'expand',
  'payment_intent_data',
  'locale',
  'submit_type',
  'billing_address_collection',
  'discounts',
  'automatic_tax',
])

function estimate(value: unknown, param: string): Estimate | null {
  if (value === undefined) return null
  if (!isRecord(value)) throw invalid('Invalid object', param)
  const unit = value.unit
  if (
    unit !== 'hour' &&
    unit !== 'day' &&
    unit !== 'business_day' &&
    unit !== 'week' &&
    unit !== 'month'
  )
    throw invalid(`Invalid unit: ${String(unit)}`, `${param}[unit]`)
  return { unit, value: integer(value.value, `${param}[value]`, 1, 1000) }
}

/** `discounts[0][coupon]`: one coupon, which must exist and still be redeemable. */
function sessionCoupon(
  params: Record<string, unknown>,
  coupons: Record<string, Coupon>,
  sessionCurrency: string,
): Coupon | null {
  const entries = list(params.discounts, 'discounts')
  if (entries.length === 0) return null
  if (entries.length > 1) throw invalid('You may only specify one discount.', 'discounts')
  const entry = entries[0]
  if (!isRecord(entry) || typeof entry.coupon !== 'string')
    throw invalid('The local double supports discounts[0][coupon] only', 'discounts[0][coupon]')
  const coupon = coupons[entry.coupon]
  if (!coupon) throw missing('coupon', entry.coupon, 'discounts[0][coupon]', 400)
  checkRedeemable(coupon, sessionCurrency, 'discounts[0][coupon]')
  return coupon
}

/**
 * `payment_method_types` as given, or what Stripe's dynamic payment methods would offer here with
 * ACH enabled in the Dashboard: a US bank account besides cards, for usd only.
 */
function paymentMethodTypes(value: unknown, sessionCurrency: string): PaymentMethodType[] {
  if (value === undefined) return sessionCurrency === 'usd' ? ['card', 'us_bank_account'] : ['card']
  const types = list(value, 'payment_method_types')
  if (types.length === 0 || types.some((t) => t !== 'card' && t !== 'us_bank_account'))
    throw invalid(
      'The local double supports payment_method_types card and us_bank_account only',
      'payment_method_types',
    )
  if (types.includes('us_bank_account') && sessionCurrency !== 'usd')
    throw invalid(
      'The payment method type us_bank_account requires currency usd',
      'payment_method_types',
    )
  return types as PaymentMethodType[]
}

type Rate = ShippingOption['shipping_rate']
const sum = (amounts: number[]) => amounts.reduce((a, b) => a + b, 0)

/**
 * Amounts that depend on the chosen shipping rate and, with automatic tax, on where the buyer is:
 * Stripe recomputes them when the buyer picks a rate, and taxes once the address is `located`.
 * Tax is computed on what each line costs after its share of the discount (tax.ts).
 */
export function sessionAmounts(
  session: Pick<Session, 'amount_subtotal' | '_coupon' | '_lineItems' | 'automatic_tax'>,
  rate: Rate | undefined,
  located = true,
) {
  const discount = session._coupon ? couponDiscount(session._coupon, session.amount_subtotal) : 0
  const shipping = rate?.fixed_amount.amount ?? 0
  const taxed = located && session.automatic_tax.enabled
  const lines = session._lineItems.map((item) => {
    const tax = taxed
      ? taxOn(
          item.amount_subtotal - item.amount_discount,
          item.price.tax_behavior,
          item._product.tax_code,
        )
      : 0
    return { tax, added: addedTax(tax, item.price.tax_behavior) }
  })
  const shippingTax = taxed && rate ? taxOn(shipping, rate.tax_behavior, rate.tax_code) : 0
  const shippingAdded = rate ? addedTax(shippingTax, rate.tax_behavior) : 0
  return {
    discount,
    shipping,
    /** Each line's tax, in the order of the line items. */
    lineTaxes: lines.map((line) => line.tax),
    shippingTax,
    shippingTotal: shipping + shippingAdded,
    tax: sum(lines.map((line) => line.tax)) + shippingTax,
    total:
      session.amount_subtotal -
      discount +
      shipping +
      sum(lines.map((line) => line.added)) +
      shippingAdded,
  }
}

export function createSession(
  params: Record<string, unknown>,
  baseUrl: string,
  coupons: Record<string, Coupon>,
): Session {
  for (const key of Object.keys(params)) {
    if (!KNOWN_PARAMS.has(key)) throw invalid(`Received unknown parameter: ${key}`, key)
  }
  if (params.mode !== 'payment')
    throw invalid('Only mode=payment is supported by the local double', 'mode')
  const rawItems = list(params.line_items, 'line_items')
  if (rawItems.length === 0) throw invalid('Missing required param: line_items.', 'line_items')
  if (rawItems.length > 100) throw invalid('line_items can have at most 100 items', 'line_items')

  const tax = automaticTax(params.automatic_tax)
  let sessionCurrency: string | null = null
  const lineItems = rawItems.map((raw, i): LineItem => {
    const p = `line_items[${i}]`
    if (!isRecord(raw) || !isRecord(raw.price_data))
      throw invalid('Each line item needs price_data', `${p}[price_data]`)
    const priceData = raw.price_data
    const itemCurrency = currency(priceData.currency, `${p}[price_data][currency]`)
    sessionCurrency ??= itemCurrency
    if (itemCurrency !== sessionCurrency)
      throw invalid('All line items must use the same currency', `${p}[price_data][currency]`)
    const unitAmount = integer(priceData.unit_amount, `${p}[price_data][unit_amount]`)
    const quantity = integer(raw.quantity, `${p}[quantity]`, 1, 999_999)
    if (!isRecord(priceData.product_data))
      throw invalid('Missing required param: product_data.', `${p}[price_data][product_data]`)
    const name = string(priceData.product_data.name, `${p}[price_data][product_data][name]`, {
      max: 250,
    })!
    const productMetadata = metadata(
      priceData.product_data.metadata,
      `${p}[price_data][product_data][metadata]`,
    )
    const images = list(
      priceData.product_data.images,
      `${p}[price_data][product_data][images]`,
    ).map(String)
    const behavior = taxBehavior(priceData.tax_behavior, `${p}[price_data][tax_behavior]`)
    if (tax.enabled) requireBehavior(behavior, `${p}[price_data][tax_behavior]`)
    const product = {
      id: stripeId('prod', 14),
      object: 'product' as const,
      name,
      metadata: productMetadata,
      images,
      tax_code: taxCode(
        priceData.product_data.tax_code,
        `${p}[price_data][product_data][tax_code]`,
      ),
    }
    return {
      id: stripeId('li'),
      object: 'item',
      amount_subtotal: unitAmount * quantity,
      amount_total: unitAmount * quantity,
      amount_discount: 0,
      amount_tax: 0,
      currency: itemCurrency,
      description: name,
      quantity,
      price: {
        id: stripeId('price'),
        object: 'price',
        currency: itemCurrency,
        unit_amount: unitAmount,
        product: product.id,
        metadata: {},
        tax_behavior: behavior,
        type: 'one_time',
      },
      _product: product,
    }
  })

  const shippingRates = list(params.shipping_options, 'shipping_options').map((raw, i) => {
    const p = `shipping_options[${i}][shipping_rate_data]`
    if (!isRecord(raw) || !isRecord(raw.shipping_rate_data))
      throw invalid('Only shipping_rate_data is supported', p)
    const data = raw.shipping_rate_data
    if ((data.type ?? 'fixed_amount') !== 'fixed_amount')
      throw invalid('Only fixed_amount shipping rates are supported', `${p}[type]`)
    if (!isRecord(data.fixed_amount))
      throw invalid('Missing required param: fixed_amount.', `${p}[fixed_amount]`)
    const amount = integer(data.fixed_amount.amount, `${p}[fixed_amount][amount]`)
    const rateCurrency = currency(data.fixed_amount.currency, `${p}[fixed_amount][currency]`)
    if (rateCurrency !== sessionCurrency)
      throw invalid('Shipping currency must match the line items', `${p}[fixed_amount][currency]`)
    const behavior = taxBehavior(data.tax_behavior, `${p}[tax_behavior]`)
    if (tax.enabled) requireBehavior(behavior, `${p}[tax_behavior]`)
    return {
      id: stripeId('shr'),
      object: 'shipping_rate' as const,
      display_name: string(data.display_name, `${p}[display_name]`, { max: 100 })!,
      fixed_amount: { amount, currency: rateCurrency },
      type: 'fixed_amount' as const,
      delivery_estimate: isRecord(data.delivery_estimate)
        ? {
            minimum: estimate(data.delivery_estimate.minimum, `${p}[delivery_estimate][minimum]`),
            maximum: estimate(data.delivery_estimate.maximum, `${p}[delivery_estimate][maximum]`),
          }
        : null,
      metadata: metadata(data.metadata, `${p}[metadata]`),
      tax_behavior: behavior,
      tax_code: taxCode(data.tax_code, `${p}[tax_code]`),
    }
  })
  if (shippingRates.length > 5) throw invalid('At most 5 shipping options', 'shipping_options')

  let shippingAddressCollection: Session['shipping_address_collection'] = null
  if (params.shipping_address_collection !== undefined) {
    const sac = params.shipping_address_collection
    const countries = isRecord(sac)
      ? list(sac.allowed_countries, 'shipping_address_collection[allowed_countries]')
      : []
    if (
      countries.length === 0 ||
      countries.some((c) => typeof c !== 'string' || !/^[A-Z]{2}$/.test(c))
    ) {
      throw invalid(
        'allowed_countries must be two-letter country codes',
        'shipping_address_collection[allowed_countries]',
      )
    }
    shippingAddressCollection = { allowed_countries: countries as string[] }
  }

  const created = nowSeconds()
  const expiresAt =
    params.expires_at === undefined
      ? created + 24 * 3600
      : integer(params.expires_at, 'expires_at', 0, 2 ** 32)
  if (expiresAt < created + 30 * 60 - 60 || expiresAt > created + 24 * 3600 + 60) {
    throw invalid('expires_at must be between 30 minutes and 24 hours from now', 'expires_at')
  }
  const subtotal = lineItems.reduce((sum, item) => sum + item.amount_subtotal, 0)
  const coupon = sessionCoupon(params, coupons, sessionCurrency!)
  // Stripe reports each line's share of an order-level discount.
  const shares = allocate(
    coupon ? couponDiscount(coupon, subtotal) : 0,
    lineItems.map((item) => item.amount_subtotal),
  )
  lineItems.forEach((item, i) =>
    Object.assign(item, {
      amount_discount: shares[i],
      amount_total: item.amount_subtotal - shares[i],
    }),
  )
  // Until the buyer gives an address, Stripe cannot tax: the amounts leave tax out.
  const amounts = sessionAmounts(
    { amount_subtotal: subtotal, _coupon: coupon, _lineItems: lineItems, automatic_tax: tax },
    shippingRates[0],
    false,
  )
  const email = string(params.customer_email, 'customer_email', { required: false, max: 800 })
  const id = stripeId('cs_test', 58)

  return {
    id,
    object: 'checkout.session',
    amount_subtotal: subtotal,
    amount_total: amounts.total,
    automatic_tax: tax,
    cancel_url: url(params.cancel_url, 'cancel_url', false),
    success_url: url(params.success_url, 'success_url', true)!,
    client_reference_id: string(params.client_reference_id, 'client_reference_id', {
      required: false,
      max: 200,
    }),
    collected_information: null,
    created,
    currency: sessionCurrency!,
    customer_details: null,
    customer: null,
    customer_email: email,
    discounts: coupon ? [{ coupon: coupon.id, promotion_code: null }] : [],
    expires_at: expiresAt,
    livemode: false,
    metadata: metadata(params.metadata, 'metadata'),
    mode: 'payment',
    payment_intent: null,
    payment_method_types: paymentMethodTypes(params.payment_method_types, sessionCurrency!),
    payment_status: 'unpaid',
    shipping_address_collection: shippingAddressCollection,
    shipping_cost: null,
    shipping_options: shippingRates.map((rate) => ({
      shipping_amount: rate.fixed_amount.amount,
      shipping_rate: rate.id,
    })),
    status: 'open',
    total_details: {
      amount_discount: amounts.discount,
      amount_shipping: amounts.shipping,
      amount_tax: 0,
    },
    url: `${baseUrl}/pay/${id}`,
    _lineItems: lineItems,
    _shippingRates: shippingRates,
    _coupon: coupon,
    _settlesAs: null,
  }
}

/** The session as the API returns it, with `expand[]` applied. */
export function presentSession(
  session: Session,
  expand: string[],
  paymentIntents: Record<string, unknown>,
) {
  const { _lineItems, _shippingRates, _coupon, _settlesAs, ...visible } = session
  const out: Record<string, unknown> = { ...visible }
  if (expand.includes('line_items'))
    out.line_items = presentLineItems(
      session,
      { limit: 100 },
      expand.includes('line_items.data.price.product'),
    )
  if (expand.includes('payment_intent') && session.payment_intent)
    out.payment_intent = paymentIntents[session.payment_intent] ?? session.payment_intent
  if (expand.includes('shipping_cost.shipping_rate') && session.shipping_cost) {
    out.shipping_cost = {
      ...session.shipping_cost,
      shipping_rate: _shippingRates.find((r) => r.id === session.shipping_cost!.shipping_rate),
    }
  }
  if (expand.includes('shipping_options.shipping_rate')) {
    out.shipping_options = session.shipping_options.map((o) => ({
      ...o,
      shipping_rate: _shippingRates.find((r) => r.id === o.shipping_rate),
    }))
  }
  return out
}

export function presentLineItems(
  session: Session,
  page: { limit?: number; starting_after?: string },
  expandProduct = false,
) {
  const limit = Math.min(Math.max(page.limit ?? 10, 1), 100)
  const start = page.starting_after
    ? session._lineItems.findIndex((item) => item.id === page.starting_after) + 1
    : 0
  const slice = session._lineItems.slice(start, start + limit)
  return {
    object: 'list',
    data: slice.map(({ _product, ...item }) =>
      expandProduct ? { ...item, price: { ...item.price, product: _product } } : item,
    ),
    has_more: start + limit < session._lineItems.length,
    url: `/v1/checkout/sessions/${session.id}/line_items`,
  }
}

/**
 * Customers, as much as the store uses (one per signed-in buyer: email, name, shipping address),
 * shaped like stripe-node's `Stripe.Customer`; and sessions created for one (`customer`), which
 * Checkout prefills from what the customer has on file.
 */

import { findStored, invalid } from './errors'
import { nowSeconds, stripeId } from './ids'
import { isRecord, metadata, string } from './params'
import type { Session } from './sessions'

type CustomerAddress = {
  line1: string | null
  line2: string | null
  city: string | null
  state: string | null
  postal_code: string | null
  country: string | null
}

export type Customer = {
  id: string
  object: 'customer'
  address: CustomerAddress | null
  balance: number
  created: number
  currency: string | null
  default_source: null
  delinquent: boolean
  description: string | null
  email: string | null
  invoice_prefix: string
  invoice_settings: {
    custom_fields: null
    default_payment_method: null
    footer: null
    rendering_options: null
  }
  livemode: false
  metadata: Record<string, string>
  name: string | null
  phone: string | null
  preferred_locales: string[]
  shipping: { name: string; phone: string | null; address: CustomerAddress } | null
  tax_exempt: 'none'
  test_clock: null
}

const KNOWN = new Set([
  'email',
  'name',
  'phone',
  'description',
  'metadata',
  'shipping',
  'address',
  'expand',
])

function address(value: unknown, param: string): CustomerAddress {
  if (!isRecord(value)) throw invalid('Invalid object', param)
  const part = (key: string) =>
    string(value[key], `${param}[${key}]`, { required: false, max: 200 })
  return {
    line1: part('line1'),
    line2: part('line2'),
    city: part('city'),
    state: part('state'),
    postal_code: part('postal_code'),
    country: part('country'),
  }
}

function shipping(value: unknown): Customer['shipping'] {
  if (value === '') return null
  if (!isRecord(value)) throw invalid('Invalid object', 'shipping')
  return {
    name: string(value.name, 'shipping[name]', { max: 200 })!,
    phone: string(value.phone, 'shipping[phone]', { required: false, max: 40 }),
    address: address(value.address, 'shipping[address]'),
  }
}

/** The fields a create or update sets; only those given change. */
function fields(params: Record<string, unknown>): Partial<Customer> {
  for (const key of Object.keys(params))
    if (!KNOWN.has(key)) throw invalid(`Received unknown parameter: ${key}`, key)
  const changed: Partial<Customer> = {}
  for (const key of ['email', 'name', 'phone', 'description'] as const)
    if (key in params)
      changed[key] = string(params[key], key, { required: false, max: key === 'email' ? 512 : 256 })
  if ('metadata' in params) changed.metadata = metadata(params.metadata, 'metadata')
  if ('shipping' in params) changed.shipping = shipping(params.shipping)
  if ('address' in params)
    changed.address = params.address === '' ? null : address(params.address, 'address')
  return changed
}

export function createCustomer(params: Record<string, unknown>): Customer {
  return {
    id: stripeId('cus', 14),
    object: 'customer',
    address: null,
    balance: 0,
    created: nowSeconds(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    email: null,
    invoice_prefix: stripeId('', 8).slice(1, 9).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: {},
    name: null,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
    ...fields(params),
  }
}

export function updateCustomer(customer: Customer, params: Record<string, unknown>): Customer {
  const changed = fields(params)
  return Object.assign(
    customer,
    changed,
    changed.metadata ? { metadata: { ...customer.metadata, ...changed.metadata } } : {},
  )
}

/**
 * Takes `customer` off a session's params (the session module knows nothing of customers) and
 * returns the customer it names; Stripe refuses `customer` with `customer_email`.
 */
export function sessionCustomer(
  params: Record<string, unknown>,
  customers: Record<string, Customer>,
): Customer | null {
  const id = params.customer
  delete params.customer
  if (id === undefined) return null
  if (typeof id !== 'string') throw invalid('Invalid string: customer', 'customer')
  if (params.customer_email !== undefined)
    throw invalid(
      'You may only specify one of these parameters: customer, customer_email.',
      'customer_email',
    )
  return findStored(customers, 'customer', id, 'customer', 400)
}

/** What Checkout shows filled in for a session of this customer: its email and shipping address. */
export function prefill(session: Pick<Session, 'customer'>, customers: Record<string, Customer>) {
  const customer = session.customer ? customers[session.customer] : undefined
  if (!customer) return {}
  const ship = customer.shipping
  return {
    email: customer.email ?? undefined,
    ...(ship
      ? {
          name: ship.name,
          line1: ship.address.line1 ?? undefined,
          line2: ship.address.line2 ?? undefined,
          city: ship.address.city ?? undefined,
          state: ship.address.state ?? undefined,
          postal_code: ship.address.postal_code ?? undefined,
          country: ship.address.country ?? undefined,
        }
      : {}),
  }
}

import 'server-only'
import { eq } from 'drizzle-orm'
import type Stripe from 'stripe'
import { db } from '../db/client'
import { authUsers } from '../db/schema'
import { HttpError } from '../http/errors'
import { isStripeError, stripe } from '../payments/stripe'
import { defaultAddress, type Address } from './addresses'
import type { Account } from './current'

/** Who is checking out signed in: the account, and the Stripe Customer Checkout prefills from. */
export type Buyer = { accountId: string; customerId: string }

const shippingOf = (address: Address | null): Stripe.CustomerCreateParams.Shipping | null =>
  address
    ? {
        name: address.name,
        address: {
          line1: address.line1,
          line2: address.line2 ?? '',
          city: address.city,
          state: address.state ?? '',
          postal_code: address.postalCode,
          country: address.country,
        },
      }
    : null

/**
 * The account's one Stripe Customer, made at its first signed-in checkout and brought up to date
 * (email, default address) at each, so Checkout shows what the account has on file. One deleted
 * in the Dashboard is replaced. Stripe not answering is a 502: nothing was held or charged yet.
 */
export async function buyerFor(account: Account): Promise<Buyer> {
  try {
    return { accountId: account.id, customerId: await customerFor(account) }
  } catch (error) {
    if (!isStripeError(error)) throw error
    throw new HttpError(
      502,
      `We could not start the checkout (${error.message}). Nothing was charged; please try again.`,
    )
  }
}

async function customerFor(account: Account): Promise<string> {
  const [user] = await db()
    .select({ customerId: authUsers.stripeCustomerId })
    .from(authUsers)
    .where(eq(authUsers.id, account.id))
  const shipping = shippingOf(await defaultAddress(account.id))
  const details = { email: account.email, metadata: { accountId: account.id } }
  const known = user?.customerId
  if (known) {
    const updated = await stripe()
      .customers.update(known, { ...details, shipping: shipping ?? '' })
      .catch((error) => {
        if (isStripeError(error, 404)) return null // deleted in the Dashboard
        throw error
      })
    if (updated) return known
  }
  // The key makes a double click create one customer, so either request's write saves the same id.
  const customer = await stripe().customers.create(
    { ...details, ...(shipping ? { shipping } : {}) },
    { idempotencyKey: known ? `customer-${account.id}-after-${known}` : `customer-${account.id}` },
  )
  await db()
    .update(authUsers)
    .set({ stripeCustomerId: customer.id })
    .where(eq(authUsers.id, account.id))
  return customer.id
}

import 'server-only'
import { eq } from 'drizzle-orm'
import type Stripe from 'stripe'
import { db } from '../db/client'
import { authUsers } from '../db/schema'
import { stripe } from '../payments/stripe'
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
 * (email, default address) at each, so Checkout shows what the account has on file.
 */
export async function buyerFor(account: Account): Promise<Buyer> {
  const [user] = await db()
    .select({ customerId: authUsers.stripeCustomerId })
    .from(authUsers)
    .where(eq(authUsers.id, account.id))
  const shipping = shippingOf(await defaultAddress(account.id))
  const details = { email: account.email, metadata: { accountId: account.id } }
  if (user?.customerId) {
    await stripe().customers.update(user.customerId, { ...details, shipping: shipping ?? '' })
    return { accountId: account.id, customerId: user.customerId }
  }
  // The key makes a double click create one customer; a second row write would keep the first id.
  const customer = await stripe().customers.create(
    { ...details, ...(shipping ? { shipping } : {}) },
    { idempotencyKey: `customer-${account.id}` },
  )
  const [saved] = await db()
    .update(authUsers)
    .set({ stripeCustomerId: customer.id })
    .where(eq(authUsers.id, account.id))
    .returning({ customerId: authUsers.stripeCustomerId })
  return { accountId: account.id, customerId: saved?.customerId ?? customer.id }
}

import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeDir } from '../../content-lake/test/harness'
import { SECRET_KEY, startStripeProcess } from './harness'

/** Customers, and sessions created for one, driven through stripe-node: its types are the contract. */
let double: Awaited<ReturnType<typeof startStripeProcess>>
let stripe: Stripe

beforeAll(async () => {
  double = await startStripeProcess({ webhookUrl: 'http://127.0.0.1:9/unused' })
  const url = new URL(double.url)
  stripe = new Stripe(SECRET_KEY, {
    host: url.hostname,
    port: Number(url.port),
    protocol: 'http',
    maxNetworkRetries: 0,
  })
})
afterAll(async () => {
  await double.stop()
  removeDir(double.dataDir)
})

const HOME: Stripe.CustomerCreateParams.Shipping = {
  name: 'Sam Sleeper',
  address: {
    line1: '12 Quiet Lane',
    city: 'Portland',
    state: 'OR',
    postal_code: '97201',
    country: 'US',
  },
}

const session = (extra: Partial<Stripe.Checkout.SessionCreateParams>) =>
  stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [
      {
        quantity: 1,
        price_data: { currency: 'usd', unit_amount: 2400, product_data: { name: 'Pillow' } },
      },
    ],
    shipping_address_collection: { allowed_countries: ['US', 'CA'] },
    success_url: 'http://localhost:3000/done?session_id={CHECKOUT_SESSION_ID}',
    ...extra,
  })

describe('customers', () => {
  it('creates, retrieves, updates and deletes one', async () => {
    const created: Stripe.Customer = await stripe.customers.create({
      email: 'sam@example.com',
      shipping: HOME,
      metadata: { accountId: 'a-1' },
    })
    expect(created).toMatchObject({
      object: 'customer',
      email: 'sam@example.com',
      metadata: { accountId: 'a-1' },
      livemode: false,
    })
    expect(created.id).toMatch(/^cus_/)
    expect(created.shipping?.address?.line1).toBe('12 Quiet Lane')

    const updated = await stripe.customers.update(created.id, {
      email: 'new@example.com',
      shipping: '',
    })
    expect(updated).toMatchObject({
      id: created.id,
      email: 'new@example.com',
      shipping: null,
      metadata: { accountId: 'a-1' },
    })
    expect(await stripe.customers.retrieve(created.id)).toMatchObject({ email: 'new@example.com' })

    expect(await stripe.customers.del(created.id)).toEqual({
      id: created.id,
      object: 'customer',
      deleted: true,
    })
    await expect(stripe.customers.retrieve(created.id)).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'resource_missing',
    })
  })

  it('refuses what Stripe refuses: an unknown parameter, an unknown customer on a session, customer with customer_email', async () => {
    await expect(
      stripe.customers.create({
        email: 'x@example.com',
        nickname: 'x',
      } as Stripe.CustomerCreateParams),
    ).rejects.toMatchObject({
      param: 'nickname',
    })
    await expect(session({ customer: 'cus_missing' })).rejects.toMatchObject({
      code: 'resource_missing',
      param: 'customer',
    })
    const customer = await stripe.customers.create({ email: 'y@example.com' })
    await expect(
      session({ customer: customer.id, customer_email: 'y@example.com' }),
    ).rejects.toMatchObject({ param: 'customer_email' })
  })

  it('makes a session for a customer, whose pay page shows the email and address on file', async () => {
    const customer = await stripe.customers.create({ email: 'prefill@example.com', shipping: HOME })
    const created = await session({ customer: customer.id })
    expect(created.customer).toBe(customer.id)
    expect((await stripe.checkout.sessions.retrieve(created.id)).customer).toBe(customer.id)
    const page = await (await fetch(created.url!)).text()
    expect(page).toContain('value="prefill@example.com"')
    expect(page).toContain('value="12 Quiet Lane"')
    expect(page).toContain('value="97201"')
    // A guest's session has no customer and nothing prefilled.
    const guest = await session({})
    expect(guest.customer).toBeNull()
    expect(await (await fetch(guest.url!)).text()).not.toContain('12 Quiet Lane')
  })
})

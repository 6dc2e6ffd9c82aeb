import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { priceCart } from '../cart/pricing'
import { startCheckout } from '../checkout/start'
import { HttpError } from '../http/errors'
import { stripe } from '../payments/stripe'
import { orderById } from '../orders/records'
import { cartWith, startBuyingStack } from '../test/buying-stack'
import { newClient } from '../test/clients'
import { eventually } from '../test/eventually'
import { payOnHostedPage } from '../../services/stripe-local/test/harness'
import { listAddresses, parseAddress, removeAddress, saveAddress } from './addresses'
import { buyerFor } from './customer'
import { deleteAccount, eraseDueAccounts } from './erase'
import { accountExport } from './export'
import { pruneExpiredSignIns } from './prune'

/** Saved addresses, the signed-in checkout, export and deletion, on the store's PostgreSQL and the local Stripe. */
let stack: Awaited<ReturnType<typeof startBuyingStack>>
const PILLOW = { productId: 'product-cooling-pillow', variantKey: 'standard' }
const HOME = {
  name: 'Sam Sleeper',
  line1: '12 Quiet Lane',
  city: 'Portland',
  state: 'OR',
  postalCode: '97201',
  country: 'US',
}

beforeAll(async () => {
  stack = await startBuyingStack()
  await stack.setStock(PILLOW.productId, PILLOW.variantKey, 100)
})
afterAll(() => stack.stop())

/** A verified account, as a sign-in with a code leaves it. */
async function newAccount(email = `buyer-${randomUUID().slice(0, 8)}@example.com`) {
  const id = randomUUID()
  await stack.query(
    'insert into auth_users (id, name, email, email_verified) values ($1, $2, $3, true)',
    [id, '', email],
  )
  await stack.query(
    "insert into auth_sessions (id, token, user_id, expires_at) values ($1, $2, $3, now() + interval '1 day')",
    [randomUUID(), randomUUID(), id],
  )
  return { id, email }
}

async function signedInCheckout(account: { id: string; email: string }) {
  const cart = await cartWith([PILLOW])
  return startCheckout(cart, await priceCart(cart), newClient(), await buyerFor(account))
}

describe('saved addresses', () => {
  it('refuses junk with an error per field, and saves nothing', async () => {
    const account = await newAccount()
    const refusal = (() => {
      try {
        parseAddress({
          name: '',
          line1: 'x'.repeat(500),
          city: 'Paris',
          postalCode: '!!',
          country: 'FR',
        })
      } catch (error) {
        return error as HttpError
      }
    })()
    expect(refusal?.status).toBe(400)
    expect(Object.keys(refusal?.details.fields as object).sort()).toEqual([
      'country',
      'line1',
      'name',
      'postalCode',
    ])
    expect(await listAddresses(account.id)).toEqual([])
  })

  it('keeps exactly one default: the first, then the one marked, then the oldest left', async () => {
    const account = await newAccount()
    const first = await saveAddress(account.id, parseAddress(HOME))
    expect(first.isDefault).toBe(true)
    const second = await saveAddress(
      account.id,
      parseAddress({ ...HOME, line1: '1 Other Road', isDefault: true }),
    )
    expect((await listAddresses(account.id)).map((a) => [a.line1, a.isDefault])).toEqual([
      ['1 Other Road', true],
      ['12 Quiet Lane', false],
    ])
    await removeAddress(account.id, second.id)
    expect((await listAddresses(account.id)).map((a) => [a.line1, a.isDefault])).toEqual([
      ['12 Quiet Lane', true],
    ])
    // Another account cannot touch it.
    const stranger = await newAccount()
    await expect(removeAddress(stranger.id, first.id)).rejects.toMatchObject({ status: 404 })
  })

  it('keeps the default when it is edited unmarked, and takes two saves at once in turn', async () => {
    const account = await newAccount()
    const home = await saveAddress(account.id, parseAddress(HOME))
    await saveAddress(account.id, parseAddress({ ...HOME, line1: '1 Other Road' }))
    await saveAddress(account.id, parseAddress({ ...HOME, name: 'S. Sleeper' }), home.id)
    expect((await listAddresses(account.id)).map((a) => [a.name, a.isDefault])).toEqual([
      ['S. Sleeper', true],
      ['Sam Sleeper', false],
    ])
    // Two tabs each marking a new default: both are saved, and one of them is the default.
    const marked = (line1: string) => parseAddress({ ...HOME, line1, isDefault: true })
    await Promise.all([
      saveAddress(account.id, marked('2 First Tab')),
      saveAddress(account.id, marked('3 Second Tab')),
    ])
    const after = await listAddresses(account.id)
    expect(after).toHaveLength(4)
    expect(after.filter((a) => a.isDefault)).toHaveLength(1)
  })
})

describe('signed-in checkout', () => {
  it('uses one Stripe Customer per account, and Checkout shows its email and default address', async () => {
    const account = await newAccount()
    await saveAddress(account.id, parseAddress(HOME))
    const { url, sessionId } = await signedInCheckout(account)
    const session = await stripe().checkout.sessions.retrieve(sessionId)
    const customer = await stripe().customers.retrieve(session.customer as string)
    expect(customer).toMatchObject({
      object: 'customer',
      email: account.email,
      shipping: { name: 'Sam Sleeper' },
    })
    const page = await (await fetch(url)).text()
    expect(page).toContain(`value="${account.email}"`)
    expect(page).toContain('value="12 Quiet Lane"')
    // The next checkout reuses the same customer.
    const again = await signedInCheckout(account)
    expect((await stripe().checkout.sessions.retrieve(again.sessionId)).customer).toBe(customer.id)
    // One deleted in the Dashboard is replaced at the next checkout, which still opens.
    await stripe().customers.del(customer.id)
    const replaced = await signedInCheckout(account)
    const next = (await stripe().checkout.sessions.retrieve(replaced.sessionId)).customer
    expect(next).toMatch(/^cus_/)
    expect(next).not.toBe(customer.id)
  })

  it('never reuses a cart’s open session for another buyer: signing in or out opens a new one', async () => {
    const account = await newAccount()
    const cart = await cartWith([PILLOW])
    const client = newClient()
    const checkout = async (buyer: Awaited<ReturnType<typeof buyerFor>> | null) =>
      startCheckout(cart, await priceCart(cart), client, buyer)
    const status = async (id: string) => (await stripe().checkout.sessions.retrieve(id)).status

    const guest = await checkout(null)
    const signedIn = await checkout(await buyerFor(account))
    expect(signedIn.sessionId).not.toBe(guest.sessionId)
    expect(await status(guest.sessionId)).toBe('expired')
    expect((await stripe().checkout.sessions.retrieve(signedIn.sessionId)).metadata).toMatchObject({
      accountId: account.id,
    })
    // Signed out on the same browser: the account's session (its Customer, its address) is not shown.
    const signedOut = await checkout(null)
    expect(signedOut.sessionId).not.toBe(signedIn.sessionId)
    expect(await status(signedIn.sessionId)).toBe('expired')
    const session = await stripe().checkout.sessions.retrieve(signedOut.sessionId)
    expect(session.customer).toBeNull()
    expect(session.metadata?.accountId).toBeUndefined()
    // The same buyer again gets the same session, and only one hold is open for the cart.
    expect((await checkout(null)).sessionId).toBe(signedOut.sessionId)
    const open = await stack.query<{ n: string }>(
      "select count(*) as n from holds where cart_id = $1 and status = 'open'",
      [cart.id],
    )
    expect(Number(open[0].n)).toBe(1)
  })
})

describe('deleting an account', () => {
  it('waits for a checkout being paid, then takes the buyer out of its orders and keeps the amounts', async () => {
    const account = await newAccount()
    await saveAddress(account.id, parseAddress(HOME))
    const { url, sessionId } = await signedInCheckout(account)
    expect(await deleteAccount(account.id)).toBe(true)
    // Gone at once: the account, its sessions and addresses; the same email would start afresh.
    expect(await stack.query('select id from auth_users where id = $1', [account.id])).toEqual([])
    expect(
      await stack.query('select id from auth_sessions where user_id = $1', [account.id]),
    ).toEqual([])
    expect(await listAddresses(account.id)).toEqual([])

    // The checkout still completes, and the order is recorded in full first.
    expect((await payOnHostedPage(url)).status).toBe(303)
    const order = await eventually(
      `order ${sessionId}`,
      () => orderById(`order-${sessionId}`),
      (o) => o !== null,
    )
    expect(order?.accountId).toBe(account.id)
    expect(order?.email).toBe('buyer@example.com')

    // Then the queued erasure runs (the job runner's step), once its confirmation has gone.
    await stack.query(
      `update outbox set done_at = now() where topic = 'order_email' and subject = $1`,
      [order!.id],
    )
    await eventually(
      'the erasure',
      async () => {
        // As the job runner will, once the backoff after the first try (while the checkout was open) has passed.
        await eraseDueAccounts(new Date(Date.now() + 60 * 60_000))
        return orderById(order!.id)
      },
      (o) => o?.email === null,
    )
    expect(
      await stack.query(`select count(*)::int as jobs from outbox where topic = 'account_erase'`),
    ).toEqual([{ jobs: 1 }])
    const erased = await orderById(order!.id)
    expect(erased).toMatchObject({
      email: null,
      shippingAddress: null,
      accountId: null,
      amountTotal: order!.amountTotal,
    })
    expect(erased?.lines.map((l) => [l.productId, l.quantity])).toEqual([[PILLOW.productId, 1]])
    // Its Stripe Customer is gone too.
    const customerId = (await stripe().checkout.sessions.retrieve(sessionId)).customer as string
    await expect(stripe().customers.retrieve(customerId)).rejects.toMatchObject({
      code: 'resource_missing',
    })
  })

  it('exports the account, its addresses and orders', async () => {
    const account = await newAccount()
    await saveAddress(account.id, parseAddress(HOME))
    const data = await accountExport(account.id)
    expect(data.account).toMatchObject({
      id: account.id,
      email: account.email,
      emailVerified: true,
    })
    expect(data.addresses.map((a) => a.line1)).toEqual(['12 Quiet Lane'])
    expect(data.sessions).toHaveLength(1)
    expect(data.orders).toEqual([])
  })
})

describe('the background jobs', () => {
  it('delete expired sessions and codes, and keep live ones', async () => {
    const account = await newAccount()
    await stack.query(
      "insert into auth_sessions (id, token, user_id, expires_at) values ('s-old', 't-old', $1, now() - interval '1 minute')",
      [account.id],
    )
    await stack.query(
      "insert into auth_verifications (id, identifier, value, expires_at) values ('v-old', 'sign-in-otp-x@example.com', 'h', now() - interval '1 minute')",
    )
    expect(await pruneExpiredSignIns()).toEqual({ sessions: 1, codes: 1 })
    expect(
      await stack.query('select count(*)::int as n from auth_sessions where user_id = $1', [
        account.id,
      ]),
    ).toEqual([{ n: 1 }])
  })
})

import type { Metadata } from 'next'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { AccountActions } from '@/components/account/AccountActions'
import { AddressBook } from '@/components/account/AddressBook'
import { AccountOrders } from '@/components/account/AccountOrders'
import { ChangeEmailForm } from '@/components/account/ChangeEmailForm'
import { SessionList } from '@/components/account/SessionList'
import { listAddresses } from '@/lib/accounts/addresses'
import { auth } from '@/lib/accounts/auth'
import { accountFromHeaders } from '@/lib/accounts/current'
import { accountOrders } from '@/lib/accounts/orders'
import { orderToken } from '@/lib/orders/link'

export const metadata: Metadata = { title: 'Your account', robots: { index: false } }

const section = 'mt-12 border-t border-night/10 pt-8'
const heading = 'font-serif text-2xl text-night'

/** The buyer's own page, per request: orders, saved addresses, email, sessions, and their data. */
export default async function AccountPage() {
  const requestHeaders = new Headers(await headers())
  const account = await accountFromHeaders(requestHeaders)
  if (!account) redirect('/sign-in')
  const [orders, addresses, sessions, current] = await Promise.all([
    accountOrders(account.id),
    listAddresses(account.id),
    auth().api.listSessions({ headers: requestHeaders }),
    auth().api.getSession({ headers: requestHeaders }),
  ])
  return (
    <div className="mx-auto max-w-3xl px-4 py-14 sm:px-6">
      <h1 className="font-serif text-4xl text-night">Your account</h1>
      <p className="mt-3 text-night/75" data-testid="account-email">
        Signed in as {account.email}
      </p>

      <section aria-labelledby="orders" className={section}>
        <h2 id="orders" className={heading}>
          Orders
        </h2>
        <AccountOrders
          orders={orders.map((order) => ({
            ...order,
            href: `/orders/${encodeURIComponent(order.id)}?token=${orderToken(order.id)}`,
          }))}
        />
      </section>

      <section aria-labelledby="addresses" className={section}>
        <h2 id="addresses" className={heading}>
          Saved addresses
        </h2>
        <AddressBook
          addresses={addresses.map(
            ({ userId: _user, createdAt: _c, updatedAt: _u, ...address }) => address,
          )}
        />
      </section>

      <section aria-labelledby="email" className={section}>
        <h2 id="email" className={heading}>
          Email address
        </h2>
        <ChangeEmailForm current={account.email} />
      </section>

      <section aria-labelledby="sessions" className={section}>
        <h2 id="sessions" className={heading}>
          Where you are signed in
        </h2>
        <SessionList
          sessions={sessions.map((s) => ({
            token: s.token,
            createdAt: s.createdAt.toISOString(),
            userAgent: s.userAgent ?? null,
            current: s.id === current?.session.id,
          }))}
        />
      </section>

      <section aria-labelledby="data" className={section}>
        <h2 id="data" className={heading}>
          Your data
        </h2>
        <AccountActions />
      </section>
    </div>
  )
}

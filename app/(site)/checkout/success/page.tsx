import { clsx } from 'clsx'
import type { Metadata } from 'next'
import Link from 'next/link'
import { after } from 'next/server'
import { headers } from 'next/headers'
import { notFound } from 'next/navigation'
import { ClearCart } from '@/components/cart/ClearCart'
import { OrderSummary } from '@/components/OrderSummary'
import { button, eyebrow } from '@/components/styles'
import { cartForRequest } from '@/lib/cart/current'
import { clientAddress } from '@/lib/http/client'
import { takeBudget } from '@/lib/http/rate-limit'
import { deliverFollowUps } from '@/lib/orders/outbox/deliver'
import { findOrderForSession } from '@/lib/orders/lookup'
import { orderForViewer } from '@/lib/orders/privacy'

export const metadata: Metadata = { title: 'Thank you for your order', robots: { index: false } }
export const dynamic = 'force-dynamic'

type Props = { searchParams: Promise<{ session_id?: string }> }

export default async function CheckoutSuccessPage({ searchParams }: Props) {
  const sessionId = (await searchParams).session_id
  if (!(await takeBudget('successPage', clientAddress({ headers: await headers() })))) {
    return (
      <div className="mx-auto max-w-xl px-4 py-20 text-center" role="alert">
        <h1 className="font-serif text-3xl text-night">Too many requests</h1>
        <p className="mt-4 text-night/70">
          Please wait a minute, then reload this page. Your order is safe, and its email is on its
          way.
        </p>
      </div>
    )
  }
  const result = await findOrderForSession(sessionId)
  if (result.kind === 'unknown') notFound()

  if (result.kind === 'unpaid') {
    return (
      <div className="mx-auto max-w-xl px-4 py-20 text-center">
        <h1 className="font-serif text-3xl text-night">Your payment was not completed</h1>
        <p className="mt-4 text-night/70">
          Nothing was charged. Your cart is still waiting for you.
        </p>
        <Link href="/cart" className={clsx('mt-8 inline-flex', button({ size: 'md' }))}>
          Back to your cart
        </Link>
      </div>
    )
  }

  if (result.kind === 'processing') {
    return (
      <div className="mx-auto max-w-xl px-4 py-20 text-center" role="status">
        {/* A bank debit settles in the background; the order follows when Stripe reports it paid. */}
        <meta httpEquiv="refresh" content="30" />
        <ClearCart />
        <h1 className="font-serif text-3xl text-night">Your payment is processing</h1>
        <p className="mt-4 text-night/70">
          Your bank is confirming the payment, which can take a few days. We have set your items
          aside and will email your confirmation as soon as it clears; if it fails, nothing is
          charged and we email you to say so.
        </p>
      </div>
    )
  }

  // This page recorded the order before the webhook did: the webhook will find nothing to do.
  if (result.recordedNow) after(() => deliverFollowUps(result.order.id))
  const order = orderForViewer(result.order, (await cartForRequest()).id)
  return (
    <div className="mx-auto max-w-3xl px-4 py-14 sm:px-6">
      <ClearCart />
      <p className={eyebrow}>Thank you</p>
      <h1 className="mt-2 font-serif text-4xl text-night">Your order is confirmed</h1>
      <p className="mt-3 text-night/75">
        Order number{' '}
        <strong data-testid="order-number" className="text-night">
          {order.orderNumber}
        </strong>
        {order.email && <> · a confirmation goes to {order.email}</>}
      </p>
      {order.status === 'refunded' && (
        <p role="alert" className="mt-6 rounded-xl bg-amber-50 p-4 text-amber-900">
          An item sold out while you were paying, so we refunded your payment in full. We are sorry.
        </p>
      )}
      <OrderSummary order={order} />
      <Link
        href="/articles"
        className={clsx('mt-10 inline-flex', button({ tone: 'outline', size: 'md' }))}
      >
        Keep reading our sleep guides
      </Link>
    </div>
  )
}

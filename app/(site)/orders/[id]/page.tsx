import { clsx } from 'clsx'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { EmptyState } from '@/components/EmptyState'
import { OrderStatus } from '@/components/OrderStatus'
import { OrderSummary } from '@/components/OrderSummary'
import { button, eyebrow } from '@/components/styles'
import { ORDER_LINK_DAYS } from '@/lib/orders/link'
import { findOrderByLink } from '@/lib/orders/lookup'

export const metadata: Metadata = {
  title: 'Your order',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
}
export const dynamic = 'force-dynamic'

type Props = {
  params: Promise<{ id: string }>
  searchParams: Promise<{ token?: string | string[] }>
}

/** A genuine link past its time: the order stays private, and "Find my order" emails a fresh link. */
function ExpiredLink() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-14 sm:px-6">
      <h1 className="font-serif text-4xl text-night">Your order</h1>
      <EmptyState
        title="This order link has expired"
        body={`Order links work for ${ORDER_LINK_DAYS} days. Ask for a fresh one: we email it to the address the order was placed with.`}
        action={{ href: '/orders', label: 'Find my order' }}
      />
    </div>
  )
}

/** The page an order email links to. Without the right token it does not exist (404); past its time it says so. */
export default async function OrderPage({ params, searchParams }: Props) {
  const [{ id }, { token }] = await Promise.all([params, searchParams])
  const order = await findOrderByLink(
    decodeURIComponent(id),
    typeof token === 'string' ? token : undefined,
  )
  if (!order) notFound()
  if (order === 'expired') return <ExpiredLink />
  return (
    <div className="mx-auto max-w-3xl px-4 py-14 sm:px-6">
      <p className={eyebrow}>Your order</p>
      <h1 className="mt-2 font-serif text-4xl text-night" data-testid="order-number">
        {order.orderNumber}
      </h1>
      <div className="mt-4 flex flex-wrap items-center gap-3 text-night/75">
        <OrderStatus status={order.status} />
        {order.createdAt && (
          <span>
            Placed {new Date(order.createdAt).toLocaleDateString('en-US', { dateStyle: 'long' })}
          </span>
        )}
      </div>
      <OrderSummary order={order} />
      <Link
        href="/products"
        className={clsx('mt-10 inline-flex', button({ tone: 'outline', size: 'md' }))}
      >
        Back to the shop
      </Link>
    </div>
  )
}

import { clsx } from 'clsx'
import Link from 'next/link'
import { OrderStatus } from '../OrderStatus'
import { formatMoney } from '@/lib/money'
import type { Order } from '@/lib/orders/records'
import { borderedCard } from '../styles'

const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' })

/** The account's orders, newest first, each with its status, lines and total, and its order page behind it. */
export function AccountOrders({ orders }: { orders: Array<Order & { href: string }> }) {
  if (orders.length === 0)
    return (
      <p className="mt-4 text-night/75">
        No orders yet. Orders placed with your email address appear here.
      </p>
    )
  return (
    <ol className="mt-4 space-y-4" data-testid="account-orders">
      {orders.map((order) => (
        <li key={order.id} className={clsx(borderedCard, 'p-5')} data-testid="account-order">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h3 className="font-medium text-night">
              <Link
                href={order.href}
                className="underline decoration-night/30 underline-offset-4 hover:decoration-night"
              >
                Order {order.orderNumber}
              </Link>
            </h3>
            <OrderStatus status={order.status} />
          </div>
          <p className="mt-1 text-sm text-night/70">
            <time dateTime={order.createdAt}>{date.format(new Date(order.createdAt))}</time>
          </p>
          <ul className="mt-3 space-y-1 text-sm text-night/85">
            {order.lines.map((line) => (
              <li key={line.key}>
                {line.quantity} × {line.title}
                {line.variantTitle ? ` (${line.variantTitle})` : ''}
              </li>
            ))}
          </ul>
          <p className="mt-3 font-medium text-night" data-testid="account-order-total">
            Total {formatMoney(order.amountTotal, order.currency)}
          </p>
        </li>
      ))}
    </ol>
  )
}

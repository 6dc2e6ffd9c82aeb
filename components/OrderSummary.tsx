import { clsx } from 'clsx'
import type { Order } from '@/lib/orders/records'
import { formatMoney } from '@/lib/money'
import { orderTax } from '@/lib/orders/tax'
import { panel } from './styles'

export function OrderSummary({ order }: { order: Order }) {
  const currency = order.currency ?? 'usd'
  const address = order.shippingAddress
  const tax = orderTax(order)
  return (
    <div className="mt-8 grid gap-8 sm:grid-cols-[1fr_16rem]">
      <section aria-labelledby="items-heading" className={panel}>
        <h2 id="items-heading" className="font-serif text-xl text-night">
          Items
        </h2>
        <ul className="mt-4 divide-y divide-night/10">
          {order.lines?.map((line) => (
            <li key={line.key} className="flex justify-between gap-4 py-3" data-testid="order-line">
              <span>
                {line.title}
                {line.variantTitle && <span className="text-night/75"> · {line.variantTitle}</span>}
                <span className="text-night/75"> × {line.quantity}</span>
              </span>
              {/* Before any discount: the discount is shown once, below. */}
              <span className="tabular-nums">
                {formatMoney((line.unitAmount ?? 0) * (line.quantity ?? 0), currency)}
              </span>
            </li>
          ))}
        </ul>
        <dl className="mt-4 space-y-1 border-t border-night/10 pt-4 text-sm">
          <div className="flex justify-between">
            <dt>Subtotal</dt>
            <dd className="tabular-nums">{formatMoney(order.amountSubtotal ?? 0, currency)}</dd>
          </div>
          {(order.amountDiscount ?? 0) > 0 && (
            <div className="flex justify-between">
              <dt>Discount{order.promotionCode ? ` (${order.promotionCode})` : ''}</dt>
              <dd className="tabular-nums" data-testid="order-discount">
                −{formatMoney(order.amountDiscount ?? 0, currency)}
              </dd>
            </div>
          )}
          <div className="flex justify-between">
            <dt>Shipping{order.shippingMethod ? ` (${order.shippingMethod})` : ''}</dt>
            <dd className="tabular-nums" data-testid="order-shipping">
              {formatMoney(order.amountShipping ?? 0, currency)}
            </dd>
          </div>
          {tax && !tax.included && (
            <div className="flex justify-between">
              <dt>Tax</dt>
              <dd className="tabular-nums" data-testid="order-tax">
                {formatMoney(tax.cents, currency)}
              </dd>
            </div>
          )}
          <div className="flex justify-between text-base font-semibold">
            <dt>Total</dt>
            <dd className="tabular-nums" data-testid="order-total">
              {formatMoney(order.amountTotal ?? 0, currency)}
            </dd>
          </div>
          {tax?.included && (
            <div className="flex justify-between text-night/75">
              <dt>Includes tax</dt>
              <dd className="tabular-nums" data-testid="order-tax">
                {formatMoney(tax.cents, currency)}
              </dd>
            </div>
          )}
        </dl>
      </section>
      {address && (
        <section aria-labelledby="ship-heading" className={clsx('h-fit', panel)}>
          <h2 id="ship-heading" className="font-serif text-xl text-night">
            Shipping to
          </h2>
          <address
            className="mt-3 leading-relaxed text-night/80 not-italic"
            data-testid="shipping-address"
          >
            {address.name}
            <br />
            {address.line1}
            <br />
            {address.line2 && (
              <>
                {address.line2}
                <br />
              </>
            )}
            {address.city}
            {address.state ? `, ${address.state}` : ''} {address.postalCode}
            <br />
            {address.country}
          </address>
        </section>
      )}
    </div>
  )
}

'use client'

import { clsx } from 'clsx'
import Link from 'next/link'
import { useState } from 'react'
import { EmptyState } from '@/components/EmptyState'
import { button, card, panel, submitButton, underlineOnHover } from '@/components/styles'
import type { PricedCart, PricedLine } from '@/lib/cart/pricing'
import type { TaxSettings } from '@/lib/env'
import { formatMoney } from '@/lib/money'
import { PromotionCode } from './PromotionCode'
import { useCart } from './useCart'

function QuantityStepper({
  line,
  onChange,
  busy,
}: {
  line: PricedLine
  onChange: (quantity: number) => void
  busy: boolean
}) {
  const step = button({ tone: 'outline', size: 'icon', interactive: true })
  return (
    <div className="flex items-center gap-2" role="group" aria-label={`Quantity of ${line.title}`}>
      <button
        type="button"
        className={step}
        onClick={() => onChange(line.quantity - 1)}
        disabled={busy || line.quantity <= 1}
        aria-label={`Decrease quantity of ${line.title}`}
      >
        −
      </button>
      <span className="w-6 text-center tabular-nums" data-testid="line-quantity" aria-live="polite">
        {line.quantity}
      </span>
      <button
        type="button"
        className={step}
        onClick={() => onChange(line.quantity + 1)}
        disabled={busy || line.status !== 'ok' || line.quantity >= line.available}
        aria-label={`Increase quantity of ${line.title}`}
      >
        +
      </button>
    </div>
  )
}

/** `taxBehavior`: how prices count Stripe Tax when it is on (null: off). */
export function CartView({
  cancelled,
  taxBehavior,
}: {
  cancelled: boolean
  taxBehavior: TaxSettings['behavior'] | null
}) {
  const { cart, error, isLoading, setQuantity, remove, refresh, applyCode, removeCode, checkout } =
    useCart()
  const [message, setMessage] = useState<string | null>(
    cancelled ? 'Checkout cancelled. Your cart is just as you left it.' : null,
  )
  const [busy, setBusy] = useState(false)

  async function run(action: () => Promise<unknown>) {
    setBusy(true)
    setMessage(null)
    try {
      await action()
    } catch (e) {
      setMessage((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  /** Busy until the browser leaves for Stripe; on a refusal the cart is read again (prices or stock may have moved). */
  async function goToCheckout() {
    setBusy(true)
    setMessage(null)
    try {
      // The prices this cart shows: checkout refuses to charge one that changed since (lib/cart/shown-prices.ts).
      const shown =
        cart?.lines.map(({ productId, variantKey, unitAmount }) => ({
          productId,
          variantKey,
          unitAmount,
        })) ?? []
      window.location.assign(await checkout({ shown }))
    } catch (e) {
      setMessage((e as Error).message)
      setBusy(false)
      void refresh()
    }
  }

  if (isLoading && !cart) {
    return (
      <div
        className="mt-8 h-40 animate-pulse rounded-2xl bg-night/10"
        aria-busy="true"
        aria-label="Loading your cart"
      />
    )
  }
  if (error && !cart)
    return (
      <p role="alert" className="mt-8 text-red-700">
        We could not load your cart. Please refresh the page.
      </p>
    )

  const notice = message && (
    <p
      role="status"
      className="mt-6 rounded-xl bg-lavender/25 px-4 py-3 text-night"
      data-testid="cart-message"
    >
      {message}
    </p>
  )

  if (!cart || cart.lines.length === 0) {
    return (
      <>
        {notice}
        <EmptyState
          title="Your cart is empty"
          body="Find something for better nights in our guides or the shop."
          action={{ href: '/products', label: 'Shop sleep essentials' }}
        />
      </>
    )
  }

  return (
    <div className="mt-8 grid gap-10 lg:grid-cols-[1fr_20rem]">
      <div>
        {notice}
        <ul className={clsx(card, 'divide-y divide-night/10')}>
          {cart.lines.map((line) => (
            <li
              key={`${line.productId}:${line.variantKey}`}
              className="flex gap-4 p-4 sm:p-5"
              data-testid="cart-line"
            >
              {line.imageUrl ? (
                // eslint-disable-next-line @next/next/no-img-element -- an 80px thumbnail whose URL already asks the image CDN for 160px (2×), in lib/cart/pricing.ts
                <img
                  src={line.imageUrl}
                  alt={line.imageAlt}
                  width={80}
                  height={80}
                  className="h-20 w-20 shrink-0 rounded-xl bg-mist object-cover"
                />
              ) : (
                <div className="h-20 w-20 shrink-0 rounded-xl bg-mist" aria-hidden="true" />
              )}
              <div className="flex min-w-0 flex-1 flex-col gap-2">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <div>
                    {line.slug ? (
                      <Link
                        href={`/products/${line.slug}`}
                        className="font-medium text-night hover:underline"
                      >
                        {line.title}
                      </Link>
                    ) : (
                      <span className="font-medium text-night">{line.title}</span>
                    )}
                    {line.variantTitle && (
                      <p className="text-sm text-night/75">{line.variantTitle}</p>
                    )}
                  </div>
                  <p className="text-night tabular-nums" data-testid="line-total">
                    {formatMoney(line.lineTotal, line.currency)}
                  </p>
                </div>
                {line.message && (
                  <p className="text-sm font-medium text-amber-800" data-testid="line-problem">
                    {line.message}
                  </p>
                )}
                <div className="flex items-center justify-between gap-4">
                  {line.status === 'unavailable' ? (
                    <span />
                  ) : (
                    <QuantityStepper
                      line={line}
                      busy={busy}
                      onChange={(q) => run(() => setQuantity(line, q))}
                    />
                  )}
                  <button
                    type="button"
                    onClick={() => run(() => remove(line))}
                    disabled={busy}
                    className={clsx('text-sm text-night/70', underlineOnHover)}
                  >
                    Remove<span className="sr-only"> {line.title}</span>
                  </button>
                </div>
              </div>
            </li>
          ))}
        </ul>
      </div>
      <aside aria-label="Order summary" className={clsx('h-fit', panel)}>
        <dl className="space-y-2 text-sm">
          <div className="flex justify-between">
            <dt>
              Subtotal ({cart.count} {cart.count === 1 ? 'item' : 'items'})
            </dt>
            <dd className="font-medium tabular-nums" data-testid="subtotal">
              {formatMoney(cart.subtotal, cart.currency)}
            </dd>
          </div>
          {cart.discount > 0 && cart.promotion && (
            <div className="flex justify-between">
              <dt>Discount ({cart.promotion.code})</dt>
              <dd className="tabular-nums" data-testid="discount">
                −{formatMoney(cart.discount, cart.currency)}
              </dd>
            </div>
          )}
          <ShippingRow cart={cart} />
          {taxBehavior && <TaxRow behavior={taxBehavior} />}
          <div
            className={clsx(
              'flex justify-between',
              'border-t border-night/10 pt-2 text-base font-semibold',
            )}
          >
            <dt>Estimated total</dt>
            <dd className="tabular-nums" data-testid="estimated-total">
              {formatMoney(cart.goodsTotal + cheapestShipping(cart), cart.currency)}
            </dd>
          </div>
        </dl>
        <FreeShippingHint cart={cart} />
        <PromotionCode cart={cart} apply={applyCode} remove={removeCode} busy={busy} />
        <button
          type="button"
          onClick={goToCheckout}
          disabled={busy || !cart.canCheckout}
          className={clsx('mt-6 w-full', submitButton, 'disabled:cursor-not-allowed')}
        >
          {busy ? 'Please wait…' : 'Checkout'}
        </button>
        {!cart.canCheckout && (
          <p className="mt-3 text-sm text-amber-800">Fix the items marked above to check out.</p>
        )}
        <p className="mt-4 text-xs text-night/75">
          Secure payment with Stripe. You choose Standard or Express shipping there.
        </p>
      </aside>
    </div>
  )
}

const cheapestShipping = (cart: PricedCart) =>
  cart.shipping.length > 0 ? Math.min(...cart.shipping.map((quote) => quote.amount)) : 0

/** Shipping as quoted now: the cheapest rate. */
function ShippingRow({ cart }: { cart: PricedCart }) {
  const cheapest = cheapestShipping(cart)
  return (
    <div className="flex justify-between text-night/75">
      <dt>Shipping</dt>
      <dd data-testid="shipping-estimate">
        {cheapest === 0 ? 'Free' : `From ${formatMoney(cheapest, cart.currency)}`}
      </dd>
    </div>
  )
}

/** Stripe Tax needs the buyer's address, so the store never computes tax: Stripe does, at checkout. */
function TaxRow({ behavior }: { behavior: TaxSettings['behavior'] }) {
  return (
    <div className="flex justify-between text-night/75">
      <dt>Tax</dt>
      <dd data-testid="tax-estimate">
        {behavior === 'inclusive' ? 'Included, calculated at checkout' : 'Calculated at checkout'}
      </dd>
    </div>
  )
}

/** How far the cart is from free shipping, when a rate has a threshold it has not reached. */
function FreeShippingHint({ cart }: { cart: PricedCart }) {
  const next = cart.shipping.find((quote) => quote.amount > 0 && quote.freeFromCents !== null)
  if (next?.freeFromCents == null) return null
  return (
    <p className="mt-2 text-xs text-night/75" data-testid="free-shipping-hint">
      {next.title} shipping is free from {formatMoney(next.freeFromCents, cart.currency)}: add{' '}
      {formatMoney(next.freeFromCents - cart.goodsTotal, cart.currency)} more.
    </p>
  )
}

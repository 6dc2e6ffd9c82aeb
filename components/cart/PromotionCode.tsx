'use client'

import { clsx } from 'clsx'
import { useId, useState, type FormEvent } from 'react'
import type { PricedCart } from '@/lib/cart/pricing'
import { button, pillField, underlineOnHover } from '../styles'

/** The code box: apply a code (checked by the server), see why one takes nothing off, remove it. */
export function PromotionCode({
  cart,
  apply,
  remove,
  busy,
}: {
  cart: PricedCart
  apply: (code: string) => Promise<unknown>
  remove: () => Promise<unknown>
  busy: boolean
}) {
  const id = useId()
  const [error, setError] = useState<string | null>(null)
  const [working, setWorking] = useState(false)
  const promotion = cart.promotion

  async function run(action: () => Promise<unknown>) {
    setWorking(true)
    setError(null)
    try {
      await action()
      return true
    } catch (e) {
      setError((e as Error).message)
      return false
    } finally {
      setWorking(false)
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = event.currentTarget
    const code = String(new FormData(form).get('code') ?? '')
    if (await run(() => apply(code))) form.reset()
  }

  if (promotion) {
    return (
      <div className="mt-4 rounded-xl bg-mist/60 px-3 py-2 text-sm" data-testid="promotion">
        <div className="flex items-center justify-between gap-2">
          <span>
            Code <strong>{promotion.code}</strong>
            {promotion.ok && <> · {promotion.label}</>}
          </span>
          <button
            type="button"
            onClick={() => run(remove)}
            disabled={busy || working}
            className={clsx('text-night/75', underlineOnHover)}
          >
            Remove<span className="sr-only"> code {promotion.code}</span>
          </button>
        </div>
        {!promotion.ok && (
          <p className="mt-1 font-medium text-amber-800" data-testid="promotion-problem">
            {promotion.message}
          </p>
        )}
        {error && (
          <p role="alert" className="mt-1 text-red-700">
            {error}
          </p>
        )}
      </div>
    )
  }

  return (
    <form onSubmit={submit} className="mt-4" noValidate>
      <label htmlFor={id} className="text-sm font-medium text-night">
        Promotion code
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id={id}
          name="code"
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={32}
          required
          aria-describedby={error ? `${id}-error` : undefined}
          className={clsx(pillField, 'min-w-0 flex-1 uppercase')}
        />
        <button
          type="submit"
          disabled={busy || working}
          className={button({ tone: 'outline', size: 'sm', interactive: true })}
        >
          {working ? 'Checking…' : 'Apply'}
        </button>
      </div>
      {error && (
        <p
          id={`${id}-error`}
          role="alert"
          className="mt-2 text-sm text-red-700"
          data-testid="promotion-error"
        >
          {error}
        </p>
      )}
    </form>
  )
}

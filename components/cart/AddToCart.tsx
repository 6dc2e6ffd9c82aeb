'use client'

import { clsx } from 'clsx'
import { useEffect, useId, useState } from 'react'
import type { SellableVariant } from '@/lib/catalog/sellable'
import { isSoldOut } from '@/lib/catalog/stock'
import { button, pillField } from '../styles'
import { useCartActions } from './useCart'

/** An add-to-cart button for one variant; shows progress, success and the server's refusal. */
export function AddToCartButton({
  productId,
  variantKey,
  sourceArticle,
  disabled = false,
  label = 'Add to cart',
  size = 'md',
}: {
  productId: string
  variantKey: string | undefined
  sourceArticle?: string
  disabled?: boolean
  label?: string
  size?: 'sm' | 'md'
}) {
  const { add } = useCartActions()
  const [state, setState] = useState<
    { kind: 'idle' | 'adding' | 'added' } | { kind: 'error'; message: string }
  >({ kind: 'idle' })
  useEffect(() => {
    if (state.kind !== 'added') return
    const timer = setTimeout(() => setState({ kind: 'idle' }), 2000)
    return () => clearTimeout(timer)
  }, [state])

  async function onClick() {
    if (!variantKey) return
    setState({ kind: 'adding' })
    try {
      await add({ productId, variantKey, sourceArticle })
      setState({ kind: 'added' })
    } catch (error) {
      setState({ kind: 'error', message: (error as Error).message })
    }
  }

  return (
    <div className="relative z-10 flex flex-col gap-1.5">
      <button
        type="button"
        onClick={onClick}
        disabled={disabled || !variantKey || state.kind === 'adding'}
        className={clsx(
          button({ size: size === 'sm' ? 'sm' : 'lg', interactive: true }),
          'transition disabled:cursor-not-allowed',
        )}
      >
        {disabled
          ? 'Sold out'
          : state.kind === 'adding'
            ? 'Adding…'
            : state.kind === 'added'
              ? 'Added ✓'
              : label}
      </button>
      <p aria-live="polite" className="min-h-0 text-sm">
        {state.kind === 'error' && (
          <span role="alert" className="text-red-700">
            {state.message}
          </span>
        )}
      </p>
    </div>
  )
}

/** A compact variant choice plus add-to-cart, for product cards inside articles. */
export function QuickAdd({
  productId,
  productTitle,
  variants,
  sourceArticle,
}: {
  productId: string
  productTitle: string
  variants: SellableVariant[]
  sourceArticle?: string
}) {
  const id = useId()
  const firstAvailable = variants.find((v) => !isSoldOut(v)) ?? variants[0]
  const [selected, setSelected] = useState(firstAvailable?._key)
  const variant = variants.find((v) => v._key === selected)
  const soldOut = !variant || isSoldOut(variant)
  return (
    <div className="relative z-10 flex min-w-0 flex-wrap items-start gap-2">
      {variants.length > 1 && (
        <>
          <label htmlFor={id} className="sr-only">
            Option for {productTitle}
          </label>
          <select
            id={id}
            value={selected}
            onChange={(e) => setSelected(e.target.value)}
            className={clsx(pillField, 'w-full max-w-full min-w-0 truncate sm:w-auto')}
          >
            {variants.map((v) => (
              <option key={v._key} value={v._key}>
                {v.title} — {v.price}
                {isSoldOut(v) ? ' (sold out)' : ''}
              </option>
            ))}
          </select>
        </>
      )}
      <AddToCartButton
        productId={productId}
        variantKey={selected}
        sourceArticle={sourceArticle}
        disabled={soldOut}
        size="sm"
        label={`Add to cart`}
      />
    </div>
  )
}

'use client'

import { clsx } from 'clsx'
import { useId, useState } from 'react'
import type { SellableVariant } from '@/lib/catalog/sellable'
import { isSoldOut, stockState } from '@/lib/catalog/stock'
import { AddToCartButton } from './cart/AddToCart'
import { StockBadge } from './StockBadge'

/** A variant's radio button as a pill: filled when checked, ringed when focused by keyboard. */
const optionPill = clsx(
  'relative cursor-pointer rounded-full border border-night/20 px-4 py-2 text-sm text-night',
  'has-[:checked]:border-indigo has-[:checked]:bg-indigo has-[:checked]:text-white',
  'has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo has-[:focus-visible]:ring-offset-2',
)

/** Choose a variant and see its price and stock. Starts on the first variant that can be bought. */
export function VariantPicker({
  productId,
  variants,
  lowStockThreshold,
}: {
  productId: string
  variants: SellableVariant[]
  lowStockThreshold: number
}) {
  const name = useId()
  const firstAvailable = variants.find((v) => !isSoldOut(v)) ?? variants[0]
  const [selectedKey, setSelectedKey] = useState(firstAvailable?._key)
  const selected = variants.find((v) => v._key === selectedKey) ?? firstAvailable
  if (!selected) return null
  const state = stockState(selected.available, lowStockThreshold)

  return (
    <div className="space-y-5">
      <div className="flex items-center gap-3">
        <p className="text-2xl font-semibold text-night" data-testid="price">
          {selected.price}
        </p>
        <StockBadge state={state} />
      </div>
      {variants.length > 1 && (
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-night">Choose an option</legend>
          <div className="flex flex-wrap gap-2">
            {variants.map((variant) => {
              const soldOut = isSoldOut(variant)
              return (
                <label key={variant._key} className={optionPill}>
                  <input
                    type="radio"
                    name={name}
                    value={variant._key}
                    checked={variant._key === selected._key}
                    onChange={() => setSelectedKey(variant._key)}
                    className="sr-only"
                  />
                  {variant.title}
                  {soldOut && <span className="ml-1 text-xs opacity-70">(sold out)</span>}
                </label>
              )
            })}
          </div>
        </fieldset>
      )}
      <AddToCartButton
        productId={productId}
        variantKey={selected._key}
        disabled={state.kind === 'sold_out'}
      />
      <p className="text-xs text-night/75">SKU {selected.sku}</p>
    </div>
  )
}

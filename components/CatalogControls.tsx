'use client'

import Form from 'next/form'
import type { CatalogParams, Sort } from '@/lib/catalog/listing'
import { button, pillField } from './styles'

/**
 * Sort and "in stock only" as a GET form: it works without JavaScript, and with it `next/form`
 * navigates client-side, so the URL stays the one source of truth and the back button works.
 */
export function CatalogControls({
  params,
  sorts,
}: {
  params: CatalogParams
  sorts: Record<Sort, string>
}) {
  return (
    <Form
      action="/products"
      className="flex flex-wrap items-center gap-x-6 gap-y-3"
      onChange={(e) => e.currentTarget.requestSubmit()}
    >
      {params.category && <input type="hidden" name="category" value={params.category} />}
      <label className="flex items-center gap-2 text-sm text-night">
        Sort by
        <select name="sort" defaultValue={params.sort} className={pillField}>
          {Object.entries(sorts).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2 text-sm text-night">
        <input
          type="checkbox"
          name="inStock"
          value="1"
          defaultChecked={params.inStock}
          className="h-4 w-4 accent-indigo"
        />
        In stock only
      </label>
      <noscript>
        <button type="submit" className={button({ tone: 'outline', size: 'sm' })}>
          Apply
        </button>
      </noscript>
    </Form>
  )
}

'use client'

import { clsx } from 'clsx'
import { IntentLink } from '../IntentLink'
import { headerIcon, headerLink } from '../styles'
import { useCartCount } from './useCart'

/** The count is the browser's to fill in: until it runs, the badge keeps its place, empty. */
export function CartBadge() {
  const count = useCartCount()
  return (
    <IntentLink
      href="/cart"
      className={clsx(headerLink, 'relative items-center gap-1.5 text-sm font-medium')}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className={headerIcon}>
        <path d="M6 7h12l-1 13H7L6 7Z M9 7a3 3 0 0 1 6 0" strokeLinejoin="round" />
      </svg>
      {/* Read as "Cart 2 items": the visible words first, as speech-input users say them. */}
      <span className="hidden sm:inline">Cart </span>
      <span
        data-testid="cart-count"
        className="min-w-5 rounded-full bg-indigo px-1.5 text-center text-xs leading-5 text-white"
      >
        {count}
      </span>
      {count !== null && <span className="sr-only"> {count === 1 ? 'item' : 'items'}</span>}
    </IntentLink>
  )
}

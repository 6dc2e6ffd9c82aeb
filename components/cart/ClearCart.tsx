'use client'

import { useEffect, useRef } from 'react'
import { useCartActions } from './useCart'

/** Empties the cart once an order is confirmed (the cookie is HTTP-only, so the API does it). */
export function ClearCart() {
  const { clear } = useCartActions()
  const done = useRef(false)
  useEffect(() => {
    if (done.current) return
    done.current = true
    clear().catch(() => undefined)
  }, [clear])
  return null
}

import { useCallback, useEffect, useState } from 'react'
import { useClient } from 'sanity'
import type { StudioStock } from '../../../lib/studio/stock'
import { API_VERSION } from '../../api-version'
import { answer, authorization, STOCK_API } from './api'

/** A product's stock as the store reports it, read again on `reload` (after a change, or on Refresh). */
export function useStock(productId: string) {
  const token = useClient({ apiVersion: API_VERSION }).config().token
  const [stock, setStock] = useState<StudioStock | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [version, setVersion] = useState(0)
  const reload = useCallback(() => setVersion((v) => v + 1), [])

  useEffect(() => {
    let current = true
    fetch(`${STOCK_API}?productId=${encodeURIComponent(productId)}`, {
      headers: authorization(token),
      cache: 'no-store',
    })
      .then((res) => answer<StudioStock>(res))
      .then(
        (read) => {
          if (!current) return
          setStock(read)
          setLoadError(null)
        },
        (error: Error) => {
          if (current) setLoadError(error.message)
        },
      )
    return () => {
      current = false
    }
  }, [productId, token, version])

  return { token, stock, loadError, reload }
}

import 'server-only'
import { cache } from 'react'
import { z } from 'zod'
import { freshClient } from './content/client'
import { cachedContentForRoute, sanityFetch } from './content/fetch'
import { centsSchema as cents } from './cents'
import { STORE_SETTINGS_QUERY } from '@/sanity/queries'
import type { STORE_SETTINGS_QUERY_RESULT } from '@/sanity/types'

const rateSchema = z
  .object({
    _key: z.string().min(1),
    title: z.string().min(1).max(60),
    amountCents: cents,
    freeFromCents: cents.nullable(),
    minDays: z.number().int().min(1).max(60),
    maxDays: z.number().int().min(1).max(60),
  })
  .refine((rate) => rate.maxDays >= rate.minDays)

export type ShippingRate = z.infer<typeof rateSchema>
export type StoreSettings = { lowStockThreshold: number; shippingRates: ShippingRate[] }

/** Used only when a dataset has no settings document yet, so a new store can still sell. */
export const DEFAULT_SETTINGS: StoreSettings = {
  lowStockThreshold: 5,
  shippingRates: [
    {
      _key: 'standard',
      title: 'Standard',
      amountCents: 595,
      freeFromCents: 7500,
      minDays: 3,
      maxDays: 5,
    },
  ],
}

/**
 * Settings as the store can use them. The Studio validates every field, but the API does not,
 * so a rate that is not whole (say, written by a script) is left out rather than charged.
 */
export function parseSettings(raw: STORE_SETTINGS_QUERY_RESULT): StoreSettings {
  if (!raw) return DEFAULT_SETTINGS
  const rates = (raw.shippingRates ?? []).flatMap((rate) => {
    const parsed = rateSchema.safeParse(rate)
    return parsed.success ? [parsed.data] : []
  })
  const threshold = z.number().int().min(0).max(1000).safeParse(raw.lowStockThreshold)
  return {
    lowStockThreshold: threshold.success ? threshold.data : DEFAULT_SETTINGS.lowStockThreshold,
    shippingRates: rates.length > 0 ? rates.slice(0, 5) : DEFAULT_SETTINGS.shippingRates,
  }
}

/** For pages: cached and tagged, once per request. */
export const storeSettings = cache(async () =>
  parseSettings(await sanityFetch({ query: STORE_SETTINGS_QUERY })),
)

/** For showing a cart (a route): cached as pages' content is. */
export async function cachedStoreSettings() {
  return parseSettings(await cachedContentForRoute(STORE_SETTINGS_QUERY))
}

/** For checkout: straight from the lake, since money depends on it. */
export async function currentStoreSettings() {
  return parseSettings(await freshClient().fetch(STORE_SETTINGS_QUERY, {}, { cache: 'no-store' }))
}

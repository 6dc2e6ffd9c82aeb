import { z } from 'zod'

/**
 * An amount of money as content stores it: whole cents, never negative, within reason. Apart from
 * lib/money.ts, which the cart page's client code imports, so that zod stays out of the browser.
 */
export const centsSchema = z.number().int().min(0).max(10_000_000)

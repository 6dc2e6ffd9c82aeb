import { sql } from 'drizzle-orm'
import { inventory } from '../db/schema'

/** What can be sold now: the one definition of "available" (units on hand not promised to an open checkout). */
export const availableUnits = sql<number>`greatest(0, ${inventory.onHand} - ${inventory.held})`

export type VariantRef = { productId: string; variantKey: string }

export const refKey = (ref: VariantRef) => `${ref.productId}\u0000${ref.variantKey}`

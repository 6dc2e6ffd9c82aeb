import { sql } from 'drizzle-orm'
import { inventory } from '../db/schema'

/** What can be sold now: SQL's available_units (lib/db/migrations/0002), the one definition of "available". */
export const availableUnits = sql<number>`available_units(${inventory.onHand}, ${inventory.held})`

export type VariantRef = { productId: string; variantKey: string }

export const refKey = (ref: VariantRef) => `${ref.productId}\u0000${ref.variantKey}`

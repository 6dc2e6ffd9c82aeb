import type pg from 'pg'

/** A variant's counts as the schema names them: units on hand, held by open checkouts, and sold. */
export type StockCounts = { onHand: number; held: number; sold: number }

type Query = <T extends pg.QueryResultRow>(text: string, values: unknown[]) => Promise<T[]>

/**
 * A variant's counts in the store's PostgreSQL, for the test stacks (vitest, e2e, reliability)
 * to check what the store did; zeros for a variant that has no row yet.
 */
export async function stockCounts(
  query: Query,
  productId: string,
  variantKey: string,
): Promise<StockCounts> {
  const [row] = await query<StockCounts>(
    'select on_hand as "onHand", held, sold from inventory where product_id = $1 and variant_key = $2',
    [productId, variantKey],
  )
  return row ?? { onHand: 0, held: 0, sold: 0 }
}

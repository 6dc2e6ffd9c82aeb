import pg from 'pg'
import { localSecret } from './lake'

/** The e2e stack's PostgreSQL (the record of stock and orders), to check what the UI did. */
export const E2E_PG_PORT = '5531'

function databaseUrl() {
  const url = new URL(localSecret('DATABASE_URL'))
  url.port = E2E_PG_PORT
  return url.toString()
}

/** Rows of one query against the e2e database (checks only). */
export async function dbQuery<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl() })
  await client.connect()
  try {
    return (await client.query<T>(text, values)).rows
  } finally {
    await client.end()
  }
}

/** A variant's units on hand (`stock`) and held by open checkouts (`reserved`). */
export async function variantStock(productId: string, variantKey: string) {
  const [row] = await dbQuery<{ stock: number; reserved: number }>(
    'select on_hand as stock, held as reserved from inventory where product_id = $1 and variant_key = $2',
    [productId, variantKey],
  )
  return row ?? { stock: 0, reserved: 0 }
}

/** How many orders and holds the store has recorded: bad input must change neither. */
export const commerceRows = async () =>
  (await dbQuery<{ n: number }>('select (select count(*) from orders) + (select count(*) from holds) as n'))[0].n

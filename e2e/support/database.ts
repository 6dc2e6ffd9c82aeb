import pg from 'pg'
import { localSecret } from './lake'

/** The e2e stack's PostgreSQL (the record of stock and orders), to check what the UI did. */
export const E2E_PG_PORT = '5531'

function databaseUrl() {
  const url = new URL(localSecret('DATABASE_URL'))
  url.port = E2E_PG_PORT
  return url.toString()
}

/** A variant's units on hand (`stock`) and held by open checkouts (`reserved`). */
export async function variantStock(productId: string, variantKey: string) {
  const client = new pg.Client({ connectionString: databaseUrl() })
  await client.connect()
  try {
    const { rows } = await client.query<{ stock: number; reserved: number }>(
      'select on_hand as stock, held as reserved from inventory where product_id = $1 and variant_key = $2',
      [productId, variantKey],
    )
    return rows[0] ?? { stock: 0, reserved: 0 }
  } finally {
    await client.end()
  }
}

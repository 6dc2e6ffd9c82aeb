import pg from 'pg'
import { stockCounts } from '../../lib/test/stock-counts'
import { localSecret } from './lake'

/** The e2e stack's PostgreSQL (the record of stock and orders), to check what the UI did. */
export const E2E_PG_PORT = '5531'

function databaseUrl() {
  const url = new URL(localSecret('DATABASE_URL'))
  url.port = E2E_PG_PORT
  return url.toString()
}

/** Rows of one query against the e2e database (checks only). */
export async function dbQuery<T extends pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl() })
  await client.connect()
  try {
    return (await client.query<T>(text, values)).rows
  } finally {
    await client.end()
  }
}

/** A variant's counts: on hand, held by open checkouts, sold. */
export const variantStock = (productId: string, variantKey: string) =>
  stockCounts(dbQuery, productId, variantKey)

/** How many orders and holds the store has recorded: bad input must change neither. */
export const commerceRows = async () =>
  (
    await dbQuery<{ n: number }>(
      'select (select count(*) from orders) + (select count(*) from holds) as n',
    )
  )[0].n

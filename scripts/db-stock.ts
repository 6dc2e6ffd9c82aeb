/**
 * `npm run db:stock [-- file.csv|file.json]`: gives a new store its opening stock (default: the
 * seed's, sanity/seed/inventory.json), each variant recorded as a restock in its stock history.
 * Variants must be published in the content lake; variants already stocked are left alone.
 */
import { readFileSync } from 'node:fs'
import { INVENTORY_SEED } from './local-database'
import './resolve-server-only'

const { parseOpeningStock, stockOpening } = await import('../lib/inventory/opening-stock')
const file = process.argv[2] ?? INVENTORY_SEED
try {
  const results = await stockOpening(
    parseOpeningStock(readFileSync(file, 'utf8'), file),
    'npm run db:stock',
  )
  for (const r of results)
    console.log(
      `[stock] ${r.productId} / ${r.variantKey}: ${r.outcome}${r.outcome === 'stocked' ? ` (${r.onHand})` : ''}${r.reason ? `: ${r.reason}` : ''}`,
    )
  const refused = results.filter((r) => r.outcome === 'refused').length
  console.log(
    `[stock] ${results.filter((r) => r.outcome === 'stocked').length} stocked, ${refused} refused, from ${file}`,
  )
  process.exit(refused > 0 ? 1 : 0)
} catch (error) {
  console.error(`[stock] ${(error as Error).message}`)
  process.exit(1)
}

import 'server-only'
import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { db } from '../db/client'
import { inventory } from '../db/schema'
import { HttpError } from '../http/errors'
import { MAX_ON_HAND, recordStockChange } from './changes'

const row = z.object({
  productId: z.string().min(1),
  variantKey: z.string().min(1),
  onHand: z.coerce.number().int().min(0).max(MAX_ON_HAND),
})
export type OpeningStock = z.output<typeof row>

/**
 * The opening stock from a file: JSON as sanity/seed/inventory.json (`[{productId, variantKey,
 * onHand}]`), or CSV with the header `productId,variantKey,onHand` (ids have no commas or quotes).
 */
export function parseOpeningStock(text: string, fileName: string): OpeningStock[] {
  if (fileName.endsWith('.json')) return z.array(row).parse(JSON.parse(text))
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line.trim())
  const columns = header.split(',').map((name) => name.trim())
  if (columns.join(',') !== 'productId,variantKey,onHand')
    throw new Error(`${fileName}: the first line must be productId,variantKey,onHand`)
  return lines.map((line, i) => {
    const cells = line.split(',').map((cell) => cell.trim())
    const parsed = row.safeParse(Object.fromEntries(columns.map((name, c) => [name, cells[c]])))
    if (!parsed.success || cells.length !== 3)
      throw new Error(
        `${fileName}, line ${i + 2}: want productId,variantKey,onHand (got "${line}")`,
      )
    return parsed.data
  })
}

export type OpeningResult = OpeningStock & {
  outcome: 'stocked' | 'already stocked' | 'refused'
  reason?: string
}

/**
 * Stocks variants that have never had stock: each as an editor's restock of its opening units,
 * so it shows in the Studio's stock history. A variant with units on hand or sold is left alone,
 * and running it again changes nothing (one request id per variant).
 */
export async function stockOpening(rows: OpeningStock[], editor: string): Promise<OpeningResult[]> {
  const results: OpeningResult[] = []
  for (const stock of rows) {
    const [level] = await db()
      .select()
      .from(inventory)
      .where(
        and(eq(inventory.productId, stock.productId), eq(inventory.variantKey, stock.variantKey)),
      )
    if (level && level.onHand + level.sold > 0) {
      results.push({
        ...stock,
        outcome: 'already stocked',
        reason: `${level.onHand} on hand, ${level.sold} sold`,
      })
      continue
    }
    try {
      const { applied } = await recordStockChange({
        ...stock,
        kind: 'restock',
        quantity: stock.onHand,
        requestId: `opening:${stock.productId}:${stock.variantKey}`,
        editor,
        note: 'Opening stock',
      })
      results.push({ ...stock, outcome: applied ? 'stocked' : 'already stocked' })
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      results.push({ ...stock, outcome: 'refused', reason: error.message })
    }
  }
  return results
}

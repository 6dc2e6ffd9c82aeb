import 'server-only'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { db } from '../db/client'
import { orderLines, orders } from '../db/schema'

/**
 * Orders as the store reads them: from PostgreSQL, the record (the lake holds only a mirror for
 * the Studio). One shape for the success page, the order page and the emails.
 */
type OrderLine = {
  key: string
  productId: string
  title: string
  variantTitle: string | null
  sku: string | null
  quantity: number
  unitAmount: number
  amount: number
}

export type Order = Omit<typeof orders.$inferSelect, 'createdAt' | 'updatedAt'> & {
  createdAt: string
  lines: OrderLine[]
}

export async function withLines(rows: Array<typeof orders.$inferSelect>): Promise<Order[]> {
  if (rows.length === 0) return []
  const lines = await db()
    .select()
    .from(orderLines)
    .where(
      inArray(
        orderLines.orderId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(orderLines.orderId), asc(orderLines.position))
  return rows.map(({ createdAt, updatedAt: _updated, ...row }) => ({
    ...row,
    createdAt: createdAt.toISOString(),
    lines: lines
      .filter((line) => line.orderId === row.id)
      .map((line) => ({
        key: `l${line.position}`,
        productId: line.productId,
        title: line.title,
        variantTitle: line.variantTitle,
        sku: line.sku,
        quantity: line.quantity,
        unitAmount: line.unitAmount,
        amount: line.amount,
      })),
  }))
}

export async function orderById(id: string): Promise<Order | null> {
  return (await withLines(await db().select().from(orders).where(eq(orders.id, id))))[0] ?? null
}

/** The id of the order with this number, if it was placed with this email (any case). */
export async function orderIdByNumber(orderNumber: string, email: string): Promise<string | null> {
  const [found] = await db()
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.orderNumber, orderNumber),
        sql`lower(${orders.email}) = ${email.toLowerCase()}`,
      ),
    )
  return found?.id ?? null
}

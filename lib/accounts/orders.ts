import 'server-only'
import { desc, eq } from 'drizzle-orm'
import { db } from '../db/client'
import { orders } from '../db/schema'
import { withLines, type Order } from '../orders/records'

/** The account's orders, newest first, with their lines. */
export async function accountOrders(accountId: string): Promise<Order[]> {
  return withLines(
    await db()
      .select()
      .from(orders)
      .where(eq(orders.accountId, accountId))
      .orderBy(desc(orders.createdAt)),
  )
}

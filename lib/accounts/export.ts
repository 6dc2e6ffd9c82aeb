import 'server-only'
import { eq } from 'drizzle-orm'
import { db } from '../db/client'
import { authSessions, authUsers } from '../db/schema'
import { listAddresses } from './addresses'
import { accountOrders } from './orders'

/** Everything the store keeps about an account, for "Download my data". */
export async function accountExport(accountId: string) {
  const [account] = await db()
    .select({
      id: authUsers.id,
      email: authUsers.email,
      emailVerified: authUsers.emailVerified,
      createdAt: authUsers.createdAt,
    })
    .from(authUsers)
    .where(eq(authUsers.id, accountId))
  const sessions = await db()
    .select({
      createdAt: authSessions.createdAt,
      expiresAt: authSessions.expiresAt,
      userAgent: authSessions.userAgent,
    })
    .from(authSessions)
    .where(eq(authSessions.userId, accountId))
  const addresses = (await listAddresses(accountId)).map(({ userId: _user, ...address }) => address)
  const orders = (await accountOrders(accountId)).map(
    ({ cartId: _cart, accountId: _account, ...order }) => order,
  )
  return { exportedAt: new Date().toISOString(), account, sessions, addresses, orders }
}

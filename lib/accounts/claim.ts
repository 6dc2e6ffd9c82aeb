import 'server-only'
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm'
import { db, type Tx } from '../db/client'
import { authUsers, orders } from '../db/schema'
import { enqueue } from '../orders/outbox/queue'
import { erasurePending, queueErasure } from './erasure-job'

/**
 * Guest orders become an account's once its email is verified: every order placed with that
 * email (any case) and no account yet. Each claimed order's mirror is written again, so the
 * Studio shows it has an account. Never called for an unverified email.
 */
export async function claimOrders(accountId: string, verifiedEmail: string) {
  return db().transaction(async (tx) => {
    const claimed = await tx
      .update(orders)
      .set({ accountId, updatedAt: new Date() })
      .where(
        and(isNull(orders.accountId), sql`lower(${orders.email}) = ${verifiedEmail.toLowerCase()}`),
      )
      .returning({ id: orders.id })
    for (const { id } of claimed) await enqueue(tx, 'order_mirror', id)
    return claimed.map(({ id }) => id)
  })
}

const accountWhere = async (tx: Tx, where: SQL) =>
  (await tx.select({ id: authUsers.id }).from(authUsers).where(where))[0]?.id ?? null

/**
 * Whose a newly recorded order is: the account that checked out signed in, else the account whose
 * verified email placed it. Runs in the transaction that records it. An account deleted while its
 * checkout was being paid still gets the order, and its erasure is queued again: the order
 * completes (its confirmation goes out), then its data goes (lib/accounts/erase.ts); the
 * erasure is queued again only if the first one already ran (the payment came after it).
 */
export async function attachOrder(
  tx: Tx,
  orderId: string,
  signedIn: string | null | undefined,
  email: string | null,
) {
  const live = signedIn ? await accountWhere(tx, eq(authUsers.id, signedIn)) : null
  const accountId =
    live ??
    signedIn ??
    (email
      ? await accountWhere(
          tx,
          and(eq(authUsers.email, email.toLowerCase()), eq(authUsers.emailVerified, true))!,
        )
      : null)
  if (!accountId) return null
  await tx.update(orders).set({ accountId }).where(eq(orders.id, orderId))
  if (signedIn && !live && !(await erasurePending(tx, signedIn)))
    await queueErasure(tx, signedIn, null)
  return accountId
}

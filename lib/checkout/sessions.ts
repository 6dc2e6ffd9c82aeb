import 'server-only'
import { eq } from 'drizzle-orm'
import type Stripe from 'stripe'
import { db, type Tx } from '../db/client'
import { checkoutSessions } from '../db/schema'
import { config } from '../env'

/**
 * Which Checkout Sessions are this store's. Every deployment on a Stripe account receives every
 * session's events (previews, staging, a developer's `stripe listen`), and any of them may carry a
 * `holdId`; so a session is ours only if this store recorded opening it (`checkout_sessions`, in
 * the transaction that attached it to its hold), and its metadata names no other store.
 */
export type OwnSession = typeof checkoutSessions.$inferSelect

/** Records a session just opened for a hold, in the caller's transaction. */
export async function recordSession(
  tx: Tx,
  session: { sessionId: string; holdId: string; attempt: number },
) {
  await tx.insert(checkoutSessions).values(session).onConflictDoNothing()
}

/** The store's record of a session it opened, or null: one we never opened is never asked about. */
export async function knownSession(sessionId: string): Promise<OwnSession | null> {
  const [row] = await db()
    .select()
    .from(checkoutSessions)
    .where(eq(checkoutSessions.sessionId, sessionId))
  return row ?? null
}

/** The metadata the store writes on its sessions: who opened it, and for which hold. */
export const sessionMetadata = (holdId: string) => ({ storeId: config().storeId, holdId })

/** Sessions opened before stores named themselves carry no storeId; the record alone proves those ours. */
export const namesAnotherStore = (session: Pick<Stripe.Checkout.Session, 'metadata'>) =>
  Boolean(session.metadata?.storeId) && session.metadata?.storeId !== config().storeId

/** The log line for a session left alone, so another deployment's sessions show up somewhere. */
export function ignoreSession(sessionId: string, why: string): 'ignored' {
  console.info(`[stripe] ${why} ${sessionId}: ignored, not opened by this store`)
  return 'ignored'
}

/** Our record of this session, when it is ours; else null (and logged). */
export async function ownSession(
  session: Pick<Stripe.Checkout.Session, 'id' | 'metadata'>,
  why: string,
): Promise<OwnSession | null> {
  const own = namesAnotherStore(session) ? null : await knownSession(session.id)
  if (!own) ignoreSession(session.id, why)
  return own
}

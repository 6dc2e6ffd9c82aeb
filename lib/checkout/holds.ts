import { createHmac } from 'node:crypto'
import { and, eq, ne, sql } from 'drizzle-orm'
import { db, type Tx } from '../db/client'
import { holds } from '../db/schema'
import { config } from '../env'
import { HttpError } from '../http/errors'
import { releaseUnits } from '../inventory/units'
import { isStripeError, stripe } from '../payments/stripe'
import { releaseUse } from '../promotions/uses'

/**
 * A hold: stock (and a code's use) promised to one cart while its buyer is at Stripe, as a row in
 * PostgreSQL. Bounds on what one client can hold, so a script looping "new cookie → add →
 * checkout" cannot take the catalogue (or a limited code) off sale: a cart holds at most once (a
 * new checkout replaces its old hold), and a client holds at most `holdsPerClient` carts at a time.
 */
export type Hold = typeof holds.$inferSelect

/** A keyed hash of the client's address: enough to count its holds, without storing the address. */
export function holderOf(clientAddress: string) {
  return createHmac('sha256', config().cartSecret).update(`holder:${clientAddress}`).digest('base64url').slice(0, 22)
}

/** A hold with no Checkout Session after this long was abandoned mid-request (its server died). */
export const ABANDONED_AFTER_MS = 60_000

export async function findHold(id: string): Promise<Hold | null> {
  const [hold] = await db().select().from(holds).where(eq(holds.id, id))
  return hold ?? null
}

/**
 * Gives an open hold back, once: its units, its code use, and the row's status change in one
 * transaction. `sessionId`, when given, must be the hold's own (a late event for an earlier
 * attempt releases nothing). Returns whether this call released it.
 */
export async function releaseHold(id: string, sessionId?: string): Promise<boolean> {
  return db().transaction(async (tx) => {
    const [hold] = await tx
      .update(holds)
      .set({ status: 'released' })
      .where(and(eq(holds.id, id), eq(holds.status, 'open'), sessionId ? eq(holds.sessionId, sessionId) : undefined))
      .returning()
    if (!hold) return false
    await giveBack(tx, hold)
    return true
  })
}

async function giveBack(tx: Tx, hold: Hold) {
  await releaseUnits(tx, hold.lines)
  if (hold.promotionId) await releaseUse(tx, hold.promotionId)
}

/** Gives back every other open hold of this cart: its session is expired first, so it can no longer be paid. */
export async function replaceCartHolds(cartId: string, keep: string) {
  const others = await db()
    .select()
    .from(holds)
    .where(and(eq(holds.cartId, cartId), eq(holds.status, 'open'), ne(holds.id, keep)))
  for (const hold of others) {
    if (hold.sessionId) {
      if (await expireSession(hold.sessionId)) await releaseHold(hold.id, hold.sessionId)
    } else if (Date.now() - hold.createdAt.getTime() > ABANDONED_AFTER_MS) {
      await releaseHold(hold.id)
    }
  }
}

/**
 * Refuses a new hold when this client already has its share open. Runs inside the hold's
 * transaction behind a transaction-scoped lock on the client, so parallel requests from one
 * client (to any instance) count one after another and cannot all pass.
 */
export async function refuseOverHoldLimit(tx: Tx, holder: string, keep: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`holder:${holder}`}, 0))`)
  const [{ open }] = await tx
    .select({ open: sql<number>`count(*)::int` })
    .from(holds)
    .where(and(eq(holds.holder, holder), eq(holds.status, 'open'), ne(holds.id, keep)))
  const limit = config().holdsPerClient
  if (open >= limit) {
    throw new HttpError(
      429,
      `You already have ${open} checkouts open. Finish one of them, or try again in about half an hour when they lapse.`,
      {},
      { 'retry-after': '1800' },
    )
  }
}

/** False when Stripe will not expire it (already paid or expired): its own webhook settles it. */
async function expireSession(sessionId: string) {
  try {
    await stripe().checkout.sessions.expire(sessionId)
    return true
  } catch (error) {
    if (isStripeError(error, 400) || isStripeError(error, 404)) return false
    throw error
  }
}

/**
 * Releases holds whose Checkout Session has lapsed without news from Stripe (a lost webhook) or
 * that never got one (a server died mid-request). Claimed with SKIP LOCKED, so any number of
 * instances can sweep at once without releasing one hold twice.
 */
export async function releaseLapsedHolds(now = new Date(), batch = 50) {
  const graceMs = 5 * 60_000 // Stripe's own expiry event normally arrives first
  return db().transaction(async (tx) => {
    const lapsed = await tx
      .select()
      .from(holds)
      .where(
        and(
          eq(holds.status, 'open'),
          sql`(${holds.expiresAt} < ${new Date(now.getTime() - graceMs)} or (${holds.sessionId} is null and ${holds.createdAt} < ${new Date(now.getTime() - ABANDONED_AFTER_MS)}))`,
        ),
      )
      .orderBy(holds.expiresAt)
      .limit(batch)
      .for('update', { skipLocked: true })
    for (const hold of lapsed) {
      await tx.update(holds).set({ status: 'released' }).where(eq(holds.id, hold.id))
      await giveBack(tx, hold)
    }
    return lapsed.length
  })
}

import 'server-only'
import { createHmac } from 'node:crypto'
import { and, eq, or, sql } from 'drizzle-orm'
import { db, type Tx } from '../db/client'
import { errorChain } from '../db/errors'
import { holds, type HoldLine } from '../db/schema'
import { config } from '../env'
import { HttpError } from '../http/errors'
import { releaseUnits } from '../inventory/units'
import { isStripeError, stripe } from '../payments/stripe'
import { releaseUse } from '../promotions/uses'

/**
 * A hold: stock (and a code's use) promised to one cart while its buyer is at Stripe, as a row in
 * PostgreSQL. Bounds on what one client can hold, so a script looping "new cookie → add →
 * checkout" cannot take the catalogue (or a limited code) off sale: a cart holds at most once (a
 * new checkout replaces its old hold), and a client holds at most `holdLimits` carts, units and
 * units of one variant at a time (lib/env.ts).
 */
export type Hold = typeof holds.$inferSelect

/** A keyed hash of the client (`clientKey`): enough to count its holds, without storing its address. */
export function holderOf(client: string) {
  return createHmac('sha256', config().cartSecret)
    .update(`holder:${client}`)
    .digest('base64url')
    .slice(0, 22)
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
export async function releaseHold(
  id: string,
  sessionId?: string,
  alsoOnRelease?: (tx: Tx) => Promise<void>,
): Promise<boolean> {
  return db().transaction(async (tx) => {
    const [hold] = await tx
      .update(holds)
      .set({ status: 'released' })
      .where(
        and(
          eq(holds.id, id),
          eq(holds.status, 'open'),
          sessionId ? eq(holds.sessionId, sessionId) : undefined,
        ),
      )
      .returning()
    if (!hold) return false
    await giveBack(tx, hold)
    await alsoOnRelease?.(tx)
    return true
  })
}

/**
 * How long a hold waits for a delayed payment (ACH, SEPA, …) to settle: Stripe gives SEPA Direct
 * Debit up to 14 business days, so three weeks covers every method; a settlement or failure event
 * ends the hold sooner, and one never sent (a lost event) leaves it to the sweep after this.
 */
const SETTLE_WITHIN_MS = 21 * 24 * 60 * 60_000

/** Keeps a completed session's hold, whose payment is still settling, open until it settles. */
export async function keepHoldUntilSettled(sessionId: string, now = new Date()) {
  await db()
    .update(holds)
    .set({ expiresAt: new Date(now.getTime() + SETTLE_WITHIN_MS) })
    .where(and(eq(holds.sessionId, sessionId), eq(holds.status, 'open')))
}

async function giveBack(tx: Tx, hold: Hold) {
  await releaseUnits(tx, hold.lines)
  if (hold.promotionId) await releaseUse(tx, hold.promotionId)
}

/**
 * The hold `keep` as it is now (any status, or null), after giving back every other open hold of
 * this cart: their sessions are expired first, so they can no longer be paid. One query finds both.
 */
export async function replaceCartHolds(cartId: string, keep: string): Promise<Hold | null> {
  const found = await db()
    .select()
    .from(holds)
    .where(or(eq(holds.id, keep), and(eq(holds.cartId, cartId), eq(holds.status, 'open'))))
  for (const hold of found) {
    if (hold.id === keep) continue
    if (hold.sessionId) {
      if (await expireSession(hold.sessionId)) await releaseHold(hold.id, hold.sessionId)
    } else if (Date.now() - hold.createdAt.getTime() > ABANDONED_AFTER_MS) {
      await releaseHold(hold.id)
    }
  }
  return found.find((hold) => hold.id === keep) ?? null
}

export type NewHold = {
  id: string
  cartId: string
  holder: string
  lines: HoldLine[]
  promotion: { id: string; maxRedemptions: number | null } | null
  expiresAt: Date
}

/** Why take_hold refused, from its SQLSTATE (lib/db/migrations/0003_take_hold_units.sql). */
export type HoldRefusal =
  | { refused: 'over_limit'; open: number }
  | { refused: 'short'; productId: string; variantKey: string; available: number }
  | { refused: 'code_used_up' }
  | { refused: 'taken' }
  | { refused: 'units_over_limit'; held: number; limit: number }
  | {
      refused: 'variant_over_limit'
      productId: string
      variantKey: string
      held: number
      limit: number
    }

const REFUSALS = {
  RW001: 'over_limit',
  RW002: 'short',
  RW003: 'code_used_up',
  RW004: 'taken',
  RW005: 'units_over_limit',
  RW006: 'variant_over_limit',
} as const

/**
 * Takes a checkout's hold in one statement (the client's share, the units, the code's use and the
 * row): all of it, or nothing and why. A client's open holds are capped by `holdLimits`.
 */
export async function takeHold(hold: NewHold): Promise<{ attempt: number } | HoldRefusal> {
  const limits = config().holdLimits
  try {
    const { rows } = await db().execute<{ attempt: number }>(
      sql`select take_hold(${hold.id}, ${hold.cartId}, ${hold.holder}, ${JSON.stringify(hold.lines)}::jsonb, ${hold.promotion?.id ?? null},
        ${hold.promotion?.maxRedemptions ?? null}::integer, ${limits.carts}::integer, ${limits.units}::integer,
        ${limits.unitsPerVariant}::integer, ${hold.expiresAt.toISOString()}::timestamptz) as attempt`,
    )
    return { attempt: rows[0].attempt }
  } catch (error) {
    const refusal = refusalOf(error)
    if (!refusal) throw error
    return refusal
  }
}

function refusalOf(error: unknown): HoldRefusal | null {
  for (const e of errorChain(error)) {
    const refused =
      typeof e.code === 'string' ? REFUSALS[e.code as keyof typeof REFUSALS] : undefined
    if (refused)
      return {
        refused,
        ...(typeof e.detail === 'string' ? JSON.parse(e.detail) : {}),
      } as HoldRefusal
  }
  return null
}

/** A client whose open checkouts already hold its share: `what` says which share. */
export const overHoldLimit = (what: string) =>
  new HttpError(
    429,
    `${what} Finish or leave one of your open checkouts, or try again in about half an hour when they lapse. Nothing was charged.`,
    {},
    { 'retry-after': '1800' },
  )

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

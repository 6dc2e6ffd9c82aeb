import 'server-only'
import { randomUUID } from 'node:crypto'
import { and, asc, desc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { db, type Tx } from '../db/client'
import { accountAddresses, authUsers } from '../db/schema'
import { HttpError } from '../http/errors'

/** Where checkout ships (shipping_address_collection): the countries an address may be in. */
const ADDRESS_COUNTRIES = ['US', 'CA'] as const

const text = (max: number) =>
  z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`)
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .optional()
    .transform((value) => value || null)

const addressInput = z.object({
  name: text(100),
  line1: text(200),
  line2: optionalText(200),
  city: text(100),
  state: optionalText(100),
  postalCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/, 'Enter a postal code'),
  country: z.enum(ADDRESS_COUNTRIES, 'Choose a country we ship to'),
  isDefault: z.boolean().default(false),
})

export type AddressInput = z.output<typeof addressInput>
export type Address = typeof accountAddresses.$inferSelect

/** The body as an address, or a 400 naming each field that is wrong (nothing is saved). */
export function parseAddress(body: unknown): AddressInput {
  const parsed = addressInput.safeParse(body)
  if (parsed.success) return parsed.data
  const fields: Record<string, string> = {}
  for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? 'form')] ??= issue.message
  throw new HttpError(400, 'Check the highlighted fields.', { fields })
}

const MAX_ADDRESSES = 20

export function listAddresses(userId: string): Promise<Address[]> {
  return db()
    .select()
    .from(accountAddresses)
    .where(eq(accountAddresses.userId, userId))
    .orderBy(desc(accountAddresses.isDefault), asc(accountAddresses.createdAt))
}

export async function defaultAddress(userId: string): Promise<Address | null> {
  return (await listAddresses(userId))[0] ?? null
}

/**
 * Locks the account's row for the transaction, so two changes to its addresses at once (two tabs)
 * take turns: the address limit and the one default hold, and neither meets the unique index.
 */
async function lockAccount(tx: Tx, userId: string) {
  const [account] = await tx
    .select({ id: authUsers.id })
    .from(authUsers)
    .where(eq(authUsers.id, userId))
    .for('update')
  if (!account) throw new HttpError(401, 'Sign in to change your addresses.')
}

/**
 * Saves a new address (or changes `id`, which must be this account's). One marked default takes
 * the mark from the others; the default stays the default until another is marked or it is
 * removed, so checkout always has one to prefill.
 */
export async function saveAddress(
  userId: string,
  input: AddressInput,
  id?: string,
): Promise<Address> {
  return db().transaction(async (tx) => {
    await lockAccount(tx, userId)
    const existing = await tx
      .select({ id: accountAddresses.id, isDefault: accountAddresses.isDefault })
      .from(accountAddresses)
      .where(eq(accountAddresses.userId, userId))
    const current = id ? existing.find((row) => row.id === id) : undefined
    if (id && !current) throw new HttpError(404, 'No such address')
    if (!id && existing.length >= MAX_ADDRESSES)
      throw new HttpError(409, `An account keeps at most ${MAX_ADDRESSES} addresses.`)
    const isDefault = input.isDefault || existing.length === 0 || Boolean(current?.isDefault)
    if (isDefault)
      await tx
        .update(accountAddresses)
        .set({ isDefault: false })
        .where(eq(accountAddresses.userId, userId))
    const values = { ...input, isDefault, updatedAt: new Date() }
    const [row] = id
      ? await tx
          .update(accountAddresses)
          .set(values)
          .where(and(eq(accountAddresses.id, id), eq(accountAddresses.userId, userId)))
          .returning()
      : await tx
          .insert(accountAddresses)
          .values({ ...values, id: randomUUID(), userId })
          .returning()
    return row
  })
}

/** Removes one of this account's addresses; if it was the default, the oldest left becomes it. */
export async function removeAddress(userId: string, id: string) {
  await db().transaction(async (tx) => {
    await lockAccount(tx, userId)
    const [gone] = await tx
      .delete(accountAddresses)
      .where(and(eq(accountAddresses.id, id), eq(accountAddresses.userId, userId)))
      .returning()
    if (!gone) throw new HttpError(404, 'No such address')
    if (!gone.isDefault) return
    const [next] = await tx
      .select({ id: accountAddresses.id })
      .from(accountAddresses)
      .where(eq(accountAddresses.userId, userId))
      .orderBy(asc(accountAddresses.createdAt))
      .limit(1)
    if (next)
      await tx
        .update(accountAddresses)
        .set({ isDefault: true })
        .where(eq(accountAddresses.id, next.id))
  })
}

/**
 * The record of commerce (DESIGN §1). Content (titles, prices, variants, code rules) stays in
 * Sanity; what changes with every purchase lives here, where a hold is one transaction.
 * Change a table here, then `npm run db:generate` writes the next migration.
 */
import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core'

/** Units per variant. `held` are promised to open checkouts; what can be sold is `on_hand - held` (lib/inventory). */
export const inventory = pgTable(
  'inventory',
  {
    productId: text('product_id').notNull(),
    variantKey: text('variant_key').notNull(),
    onHand: integer('on_hand').notNull().default(0),
    held: integer('held').notNull().default(0),
    sold: integer('sold').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.variantKey] }),
    // The database refuses an oversell, whatever the code above it does.
    check('inventory_counts', sql`${t.held} >= 0 and ${t.sold} >= 0 and ${t.onHand} >= ${t.held}`),
  ],
)

export type HoldLine = {
  productId: string
  variantKey: string
  quantity: number
  articleId?: string
}

/** Stock (and a code's use) promised to one cart while its buyer is at Stripe. */
export const holds = pgTable(
  'holds',
  {
    id: text('id').primaryKey(),
    cartId: text('cart_id').notNull(),
    /** A keyed hash of the client's address (lib/checkout/holds.ts), never the address. */
    holder: text('holder').notNull(),
    status: text('status', { enum: ['open', 'released', 'completed'] }).notNull(),
    attempt: integer('attempt').notNull().default(1),
    lines: jsonb('lines').$type<HoldLine[]>().notNull(),
    promotionId: text('promotion_id'),
    /** The signed-in buyer's account: its erasure waits while this hold is being paid (lib/accounts/erase.ts). */
    accountId: text('account_id'),
    sessionId: text('session_id').unique(),
    checkoutUrl: text('checkout_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('holds_open_by_holder')
      .on(t.holder)
      .where(sql`${t.status} = 'open'`),
    index('holds_open_by_cart')
      .on(t.cartId)
      .where(sql`${t.status} = 'open'`),
    index('holds_open_by_expiry')
      .on(t.expiresAt)
      .where(sql`${t.status} = 'open'`),
    index('holds_closed_by_expiry')
      .on(t.expiresAt)
      .where(sql`${t.status} <> 'open'`),
  ],
)

/**
 * Every Checkout Session this store opened, with the hold it was opened for. The hold row is reused
 * across a cart's attempts (its session id moves to the newest), so this is what remembers that an
 * earlier attempt's session is ours too. A session absent here is another store's on the same
 * Stripe account: never fulfilled, released, refunded or looked up.
 */
export const checkoutSessions = pgTable(
  'checkout_sessions',
  {
    sessionId: text('session_id').primaryKey(),
    holdId: text('hold_id').notNull(),
    attempt: integer('attempt').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('checkout_sessions_by_created').on(t.createdAt)],
)

/** Uses of a promotion code: held by open checkouts, redeemed by orders. The limit itself is content. */
export const promotionUses = pgTable(
  'promotion_uses',
  {
    promotionId: text('promotion_id').primaryKey(),
    held: integer('held').notNull().default(0),
    redeemed: integer('redeemed').notNull().default(0),
  },
  (t) => [check('promotion_uses_counts', sql`${t.held} >= 0 and ${t.redeemed} >= 0`)],
)

/** rate-limiter-flexible's table (its RateLimiterPostgres layout), created here rather than by the library at run time. */
export const rateLimits = pgTable('rate_limits', {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
})

export type ShippingAddress = {
  name: string | null
  line1: string | null
  line2: string | null
  city: string | null
  state: string | null
  postalCode: string | null
  country: string | null
}

/** A paid Checkout Session, keyed by its id: recorded once however often Stripe or the success page reports it. */
export const orders = pgTable(
  'orders',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull().unique(),
    orderNumber: text('order_number').notNull().unique(),
    /**
     * `refund_pending`/`refunded`: the store refunded it (stock ran out while paying); the rest
     * follow Stripe: a refund or dispute made in the Dashboard (lib/orders/payment-changes.ts).
     */
    status: text('status', {
      enum: [
        'paid',
        'refund_pending',
        'refunded',
        'partially_refunded',
        'disputed',
        'dispute_lost',
      ],
    }).notNull(),
    note: text('note'),
    email: text('email'),
    cartId: text('cart_id'),
    paymentIntentId: text('payment_intent_id'),
    currency: text('currency').notNull(),
    amountSubtotal: integer('amount_subtotal').notNull(),
    amountDiscount: integer('amount_discount').notNull().default(0),
    amountShipping: integer('amount_shipping').notNull().default(0),
    /** Stripe Tax's tax on the goods and shipping (0 without it); inside amountTotal either way, added or included. */
    amountTax: integer('amount_tax').notNull().default(0),
    amountTotal: integer('amount_total').notNull(),
    /** What Stripe reports refunded so far, by the store or in the Dashboard. */
    amountRefunded: integer('amount_refunded').notNull().default(0),
    shippingMethod: text('shipping_method'),
    shippingAddress: jsonb('shipping_address').$type<ShippingAddress>(),
    promotionId: text('promotion_id'),
    promotionCode: text('promotion_code'),
    /** The latest email about this order (confirmation or refund): `failed` once the outbox gave up on it. */
    emailStatus: text('email_status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    /**
     * The account the order belongs to: placed signed in, or claimed by a verified email
     * (lib/accounts/claim.ts). No foreign key: an erased account's orders stay, for the books.
     */
    accountId: text('account_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('orders_by_email').on(t.email),
    index('orders_by_payment_intent').on(t.paymentIntentId),
    index('orders_by_account').on(t.accountId, t.createdAt),
    index('orders_by_lower_email')
      .on(sql`lower(${t.email})`)
      .where(sql`${t.accountId} is null`),
  ],
)

/** What was sold, line by line, with the article that sold it (for revenue by article). */
export const orderLines = pgTable(
  'order_lines',
  {
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    productId: text('product_id').notNull(),
    variantKey: text('variant_key').notNull(),
    title: text('title').notNull(),
    variantTitle: text('variant_title'),
    sku: text('sku'),
    quantity: integer('quantity').notNull(),
    unitAmount: integer('unit_amount').notNull(),
    amount: integer('amount').notNull(),
    articleId: text('article_id'),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.position] })],
)

/**
 * Every change an editor makes to a variant's units on hand, kept for good: who, when, from what
 * to what. `requestId` makes a change apply once however often the Studio sends it.
 */
export const stockChanges = pgTable(
  'stock_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    requestId: text('request_id').notNull().unique(),
    productId: text('product_id').notNull(),
    variantKey: text('variant_key').notNull(),
    kind: text('kind', { enum: ['restock', 'correction'] }).notNull(),
    fromOnHand: integer('from_on_hand').notNull(),
    toOnHand: integer('to_on_hand').notNull(),
    editor: text('editor').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stock_changes_by_variant').on(t.productId, t.variantKey, t.createdAt)],
)

/**
 * Work that must happen after a commit, reliably: the confirmation email and the order's mirror
 * in the lake. Written in the same transaction as what caused it; claimed by any instance with
 * FOR UPDATE SKIP LOCKED, retried with backoff until done.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    topic: text('topic', {
      enum: [
        'order_email',
        'refund_email',
        'payment_failed_email',
        'order_mirror',
        'account_erase',
      ],
    }).notNull(),
    subject: text('subject').notNull(),
    attempts: integer('attempts').notNull().default(0),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    /** When the job was queued, or queued again after it failed: emails give up a day after this. */
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('outbox_due')
      .on(t.runAfter)
      .where(sql`${t.doneAt} is null and ${t.failedAt} is null`),
    index('outbox_done')
      .on(t.doneAt)
      .where(sql`${t.doneAt} is not null`),
  ],
)

/** Stripe event ids already handled, so a redelivery is answered without asking Stripe again. */
export const stripeEvents = pgTable(
  'stripe_events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    outcome: text('outcome').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stripe_events_by_received').on(t.receivedAt)],
)

/**
 * The content version (row `content`), bumped by whichever instance receives the content webhook.
 * Every instance keys its cached content by it, so a publish reaches all of them, not just the one
 * the webhook happened to hit; row `lake` holds the missed-publish check's fingerprint
 * (lib/content/live/server-content-version.ts). Rows under any other tag are not read.
 */
export const contentVersions = pgTable('content_versions', {
  tag: text('tag').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(1),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * Which environment this database belongs to (`production`, `preview`, `local`…), one row written
 * by the first migration run (lib/db/environment.ts): a store configured for another environment
 * refuses to migrate or serve it, so a variable shared by mistake cannot reach production's data.
 */
export const storeEnvironment = pgTable(
  'store_environment',
  {
    only: boolean('only').primaryKey().default(true),
    name: text('name').notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('store_environment_one_row', sql`${t.only}`)],
)

/**
 * Next's cache of rendered pages and content fetches, shared by every instance (lib/cache/): one
 * row per cache key, its value serialised, its tags listed so a publish can expire it. Times are
 * PostgreSQL's clock in milliseconds, so instances with skewed clocks agree on what is older.
 */
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' })

export const pageCacheEntries = pgTable(
  'page_cache_entries',
  {
    key: text('key').primaryKey(),
    value: bytea('value').notNull(),
    tags: text('tags').array().notNull(),
    writtenAt: bigint('written_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('page_cache_entries_by_written').on(t.writtenAt)],
)

/** When each cache tag was last expired (a publish, a stock change): entries written before are misses. */
export const pageCacheTags = pgTable(
  'page_cache_tags',
  {
    tag: text('tag').primaryKey(),
    expiredAt: bigint('expired_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('page_cache_tags_by_expired').on(t.expiredAt)],
)

/**
 * Customer accounts (issue 27): Better Auth's four tables (its `user`, `session`, `account` and
 * `verification` models, lib/accounts/auth.ts), in the store's PostgreSQL so sessions, codes and
 * their tries hold across instances. A buyer signs in with an emailed code: no password is kept.
 */
export const authUsers = pgTable('auth_users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Lowercase (Better Auth lowercases it), so one address is one account. */
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  /** The buyer's one Stripe Customer, made at their first signed-in checkout (lib/accounts/customer.ts). */
  stripeCustomerId: text('stripe_customer_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

export const authSessions = pgTable(
  'auth_sessions',
  {
    id: text('id').primaryKey(),
    /** The cookie's value (signed in the cookie); rows are looked up by it on every signed-in request. */
    token: text('token').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('auth_sessions_by_user').on(t.userId)],
)

/** Better Auth's sign-in methods per user; empty for codes, there for a passkey or provider later. */
export const authAccounts = pgTable(
  'auth_accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
    scope: text('scope'),
    password: text('password'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('auth_accounts_by_user').on(t.userId)],
)

/** Emailed codes (hashed) with their tries, one row per email and purpose, deleted once used. */
export const authVerifications = pgTable(
  'auth_verifications',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('auth_verifications_by_identifier').on(t.identifier)],
)

/** A signed-in buyer's saved shipping addresses; at most one is the default, which checkout prefills. */
export const accountAddresses = pgTable(
  'account_addresses',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    line1: text('line1').notNull(),
    line2: text('line2'),
    city: text('city').notNull(),
    state: text('state'),
    postalCode: text('postal_code').notNull(),
    country: text('country').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('account_addresses_by_user').on(t.userId),
    uniqueIndex('account_addresses_one_default')
      .on(t.userId)
      .where(sql`${t.isDefault}`),
  ],
)

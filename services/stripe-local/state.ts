import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Coupon } from './coupons'
import type { Customer } from './customers'
import type { PaymentMethodType, Session } from './sessions'

export type PaymentIntent = {
  id: string
  object: 'payment_intent'
  amount: number
  amount_received: number
  amount_refunded: number
  currency: string
  /** A bank debit is `processing` until it settles: `succeeded`, or back to `requires_payment_method` if it fails. */
  status: 'succeeded' | 'processing' | 'requires_payment_method'
  payment_method_types: PaymentMethodType[]
  created: number
  latest_charge: string
  metadata: Record<string, string>
  livemode: false
}

export type Refund = {
  id: string
  object: 'refund'
  amount: number
  currency: string
  payment_intent: string
  charge: string
  status: 'succeeded'
  reason: string | null
  metadata: Record<string, string>
  created: number
}

export type StripeEvent = {
  id: string
  object: 'event'
  api_version: string
  created: number
  type: string
  data: { object: unknown }
  livemode: false
  pending_webhooks: number
  request: { id: null; idempotency_key: null }
}

type Snapshot = {
  sessions: Record<string, Session>
  paymentIntents: Record<string, PaymentIntent>
  refunds: Record<string, Refund>
  events: Record<string, StripeEvent>
  coupons: Record<string, Coupon>
  customers: Record<string, Customer>
}

const SAVE_DELAY_MS = 20

/**
 * Objects by id, with no prototype: an id is caller input, and `constructor` or `__proto__` must
 * be an id like any other, not a property every object has.
 */
function table<T>(saved: Record<string, T> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, saved)
}

/**
 * Everything the double knows, kept in memory and saved atomically (temp file + rename). A save
 * writes every object, so changes that arrive together are coalesced into one write a few
 * milliseconds later (under a burst of checkouts, one write per change made the double's own
 * disk work grow with the square of its sessions); `flush` writes at once, on close.
 */
export class State implements Snapshot {
  sessions = table<Session>()
  paymentIntents = table<PaymentIntent>()
  refunds = table<Refund>()
  events = table<StripeEvent>()
  coupons = table<Coupon>()
  customers = table<Customer>()
  private pending: NodeJS.Timeout | null = null

  constructor(private readonly file: string) {
    if (!existsSync(file)) return
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<Snapshot>
    this.sessions = table(saved.sessions)
    this.paymentIntents = table(saved.paymentIntents)
    this.refunds = table(saved.refunds)
    this.events = table(saved.events)
    this.coupons = table(saved.coupons)
    this.customers = table(saved.customers)
  }

  save() {
    this.pending ??= setTimeout(() => this.flush(), SAVE_DELAY_MS)
  }

  flush() {
    if (this.pending) clearTimeout(this.pending)
    this.pending = null
    mkdirSync(dirname(this.file), { recursive: true })
    const tmp = `${this.file}.tmp-${process.pid}`
    const { sessions, paymentIntents, refunds, events, coupons, customers } = this
    writeFileSync(
      tmp,
      JSON.stringify({ sessions, paymentIntents, refunds, events, coupons, customers }),
    )
    renameSync(tmp, this.file)
  }
}

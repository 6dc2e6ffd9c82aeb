import { join } from 'node:path'
import type { StripeLocalConfig } from './config'
import { findStored } from './errors'
import { nowSeconds } from './ids'
import { settleSession } from './payments'
import { presentSession, type Session } from './sessions'
import { State } from './state'
import { WebhookSender, makeEvent } from './webhooks'

/**
 * What every handler shares: the configuration, the stored objects, the webhook sender, and the
 * timers that move sessions on by themselves (expiry past `expires_at`, a bank debit settling).
 */
export class Double {
  readonly state: State
  private readonly webhooks: WebhookSender
  private readonly sweeper: NodeJS.Timeout
  private readonly settleTimers = new Set<NodeJS.Timeout>()

  constructor(readonly config: StripeLocalConfig) {
    this.state = new State(join(config.dataDir, 'stripe-local.json'))
    this.webhooks = new WebhookSender(config.webhookUrl, config.webhookSecret, {
      baseDelayMs: config.retryBaseMs ?? 1000,
      maxAttempts: config.maxAttempts ?? 8,
    })
    this.sweeper = setInterval(() => this.expireOverdue(), config.sweepMs ?? 5000)
    // Debits still pending when the double last stopped settle after a fresh delay.
    for (const s of Object.values(this.state.sessions)) if (s._settlesAs) this.scheduleSettlement(s)
  }

  /** A checkout session by id, or Stripe's 404 naming `session`. */
  session(id: string): Session {
    return findStored(this.state.sessions, 'checkout.session', id, 'session')
  }

  /** Records a `checkout.session.*` event about `s` and delivers it to the webhook endpoint. */
  emit(type: string, s: Session) {
    const event = makeEvent(type, presentSession(s, [], this.state.paymentIntents))
    this.state.events[event.id] = event
    this.state.save()
    this.webhooks.send(event)
  }

  expire(s: Session) {
    s.status = 'expired'
    s.url = null
    this.emit('checkout.session.expired', s)
  }

  settle(s: Session, outcome: 'succeeded' | 'failed') {
    this.emit(settleSession(this.state, s, outcome), s)
  }

  /** Settles a pending bank debit after `asyncSettleMs`; without it, only test control does. */
  scheduleSettlement(s: Session) {
    if (!this.config.asyncSettleMs) return
    const timer = setTimeout(() => {
      this.settleTimers.delete(timer)
      if (s._settlesAs) this.settle(s, s._settlesAs)
    }, this.config.asyncSettleMs)
    this.settleTimers.add(timer)
  }

  close() {
    clearInterval(this.sweeper)
    for (const timer of this.settleTimers) clearTimeout(timer)
    this.webhooks.stop()
    this.state.flush()
  }

  private expireOverdue() {
    const now = nowSeconds()
    for (const s of Object.values(this.state.sessions))
      if (s.status === 'open' && s.expires_at <= now) this.expire(s)
  }
}

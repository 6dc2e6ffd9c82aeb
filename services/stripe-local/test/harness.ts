import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { spawnService } from '../../content-lake/test/harness'

export const SECRET_KEY = 'sk_test_integration0000000000'
export const WEBHOOK_SECRET = 'whsec_integration0000000000'

/** Starts the Stripe double as a real process on a free port; bank debits settle only when a test says so unless `asyncSettleMs` is given. */
export async function startStripeProcess(options: {
  webhookUrl: string
  retryBaseMs?: number
  sweepMs?: number
  asyncSettleMs?: number
}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'stripe-test-'))
  const { child, url, exited } = await spawnService(resolve(import.meta.dirname, '..', 'main.ts'), {
    STRIPE_LOCAL_PORT: '0',
    STRIPE_LOCAL_DATA_DIR: dataDir,
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_LOCAL_WEBHOOK_URL: options.webhookUrl,
    STRIPE_LOCAL_RETRY_BASE_MS: String(options.retryBaseMs ?? 100),
    STRIPE_LOCAL_ASYNC_SETTLE_MS: String(options.asyncSettleMs ?? 0),
    ...(options.sweepMs ? { STRIPE_LOCAL_SWEEP_MS: String(options.sweepMs) } : {}),
  })
  return {
    url,
    dataDir,
    async stop() {
      child.kill('SIGTERM')
      await exited
    },
  }
}

/**
 * Fills in and submits the hosted payment page the way a buyer's browser would; `shipping` names a
 * rate, `bankAccount` pays by test bank account (routing 110000000) instead of `card`.
 */
export async function payOnHostedPage(
  sessionUrl: string,
  card = '4242 4242 4242 4242',
  { shipping, bankAccount }: { shipping?: string; bankAccount?: string } = {},
) {
  const page = await (await fetch(sessionUrl)).text()
  const rates = [
    ...page.matchAll(/name="shipping_rate" value="(shr_[A-Za-z0-9]+)"[^>]*> ([^<]+?) — /g),
  ].map(([, id, name]) => ({
    id,
    name,
  }))
  const rate = (shipping ? rates.find((r) => r.name === shipping) : rates[0])?.id ?? ''
  const res = await fetch(sessionUrl, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({
      email: 'buyer@example.com',
      name: 'Sam Sleeper',
      line1: '12 Quiet Lane',
      city: 'Portland',
      state: 'OR',
      postal_code: '97201',
      country: 'US',
      shipping_rate: rate,
      ...(bankAccount
        ? {
            payment_method: 'us_bank_account',
            routing_number: '110000000',
            account_number: bankAccount,
          }
        : { card_number: card, card_expiry: '12 / 34', card_cvc: '123' }),
    }),
  })
  return {
    status: res.status,
    location: res.headers.get('location'),
    html: res.status === 303 ? '' : await res.text(),
  }
}

/** Settles a pending bank debit through the double's test control endpoint (as its account number decided, or as `outcome` says). */
export async function settleBankDebit(
  doubleUrl: string,
  sessionId: string,
  outcome?: 'succeeded' | 'failed',
  key = SECRET_KEY,
) {
  return fetch(`${doubleUrl}/_test/checkout/sessions/${sessionId}/settle`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: outcome ? new URLSearchParams({ outcome }) : '',
  })
}

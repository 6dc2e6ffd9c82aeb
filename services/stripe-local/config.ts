export type StripeLocalConfig = {
  port: number
  host: string
  dataDir: string
  secretKey: string
  webhookSecret: string
  webhookUrl: string
  /** First retry delay; doubles on each attempt. */
  retryBaseMs?: number
  maxAttempts?: number
  /** How often open sessions past `expires_at` are expired. */
  sweepMs?: number
  /** When a pending bank debit settles by itself; 0 leaves it to the test control endpoint. */
  asyncSettleMs?: number
}

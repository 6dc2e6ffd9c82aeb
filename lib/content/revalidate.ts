import { decodeSignatureHeader, isValidSignature } from '@sanity/webhook'
import { z } from 'zod'

/** The projection our content webhook sends (the lake locally; configure the same on Sanity). */
export const webhookBody = z.object({
  _id: z.string().min(1).max(200),
  _type: z.string().min(1).max(100),
  slug: z.string().max(200).nullish(),
  operation: z.enum(['create', 'update', 'delete']).optional(),
})

/** Sanity signs `t=<ms>,v1=<hmac>`; a delivery older than this is refused, so a captured one cannot be replayed later. */
export const WEBHOOK_MAX_AGE_MS = 5 * 60_000
const CLOCK_SKEW_MS = 60_000

/**
 * Signatures handled within the window, so the same delivery is acted on once. Per process: a
 * replay to another instance can at most bump the content version again (no data changes), which
 * is why this need not be shared.
 */
const handled = new Map<string, number>()

export type WebhookVerdict = 'ok' | 'invalid' | 'stale' | 'replay'

/** Whether a delivery is correctly signed, fresh, and not handled before. Records nothing. */
export async function verifyContentWebhook(
  body: string,
  header: string | null,
  secret: string,
  now = Date.now(),
): Promise<WebhookVerdict> {
  if (!header) return 'invalid'
  let timestamp: number
  try {
    timestamp = decodeSignatureHeader(header).timestamp
    if (!(await isValidSignature(body, header, secret))) return 'invalid'
  } catch {
    return 'invalid'
  }
  if (now - timestamp > WEBHOOK_MAX_AGE_MS || timestamp - now > CLOCK_SKEW_MS) return 'stale'
  for (const [signature, at] of handled)
    if (now - at > WEBHOOK_MAX_AGE_MS + CLOCK_SKEW_MS) handled.delete(signature)
  return handled.has(header) ? 'replay' : 'ok'
}

/**
 * Acts on a delivery that verifies, and records it as handled only once `act` succeeded: when
 * acting fails (PostgreSQL refused the bump), Sanity's retry of the same delivery is acted on,
 * not refused as a replay.
 */
export async function handleContentWebhook(
  body: string,
  header: string | null,
  secret: string,
  act: () => Promise<void>,
  now = Date.now(),
): Promise<WebhookVerdict> {
  const verdict = await verifyContentWebhook(body, header, secret, now)
  if (verdict !== 'ok') return verdict
  await act()
  handled.set(header!, decodeSignatureHeader(header!).timestamp)
  return 'ok'
}

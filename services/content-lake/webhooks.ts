import { encodeSignatureHeader } from '@sanity/webhook'
import type { CommittedTransaction } from './store'

const RETRY_DELAYS_MS = [500, 2000, 5000]

/**
 * Sends the signed webhook Sanity's GROQ-powered webhooks send (header
 * `sanity-webhook-signature`, signed with @sanity/webhook) for every published document a
 * transaction created, changed or deleted. Drafts and release versions do not fire, as on Sanity
 * with the default filter. The body is the projection `{_id, _type, slug, operation}`.
 */
export function createWebhookSender(url: string, secret: string) {
  async function deliver(body: string, attempt = 0): Promise<void> {
    try {
      const signature = await encodeSignatureHeader(body, Date.now(), secret)
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'sanity-webhook-signature': signature },
        body,
        signal: AbortSignal.timeout(15_000),
      })
      await res.arrayBuffer()
      if (res.ok || res.status === 401 || attempt >= RETRY_DELAYS_MS.length) return
    } catch {
      if (attempt >= RETRY_DELAYS_MS.length) return
    }
    await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt]))
    return deliver(body, attempt + 1)
  }

  return (tx: CommittedTransaction) => {
    for (const { id, before, after } of tx.changes) {
      if (id.includes('.')) continue // drafts.* and versions.*
      const doc = after ?? before
      if (!doc) continue
      const operation = !before ? 'create' : !after ? 'delete' : 'update'
      const slug = (doc.slug as { current?: string } | undefined)?.current ?? null
      void deliver(JSON.stringify({ _id: id, _type: doc._type, slug, operation }))
    }
  }
}

import { config } from '../env'
import { flushOutbox } from './confirmation-email'

let started = false

/**
 * Retries due confirmation emails from a long-running server (`next start`, `next dev`). On a
 * serverless host, call flushOutbox from a scheduled job instead.
 */
export function startOutboxTimer() {
  if (started) return
  started = true
  let running = false
  const timer = setInterval(async () => {
    if (running) return
    running = true
    try {
      await flushOutbox()
    } catch (error) {
      console.warn(`[outbox] could not flush: ${(error as Error)?.message ?? error}`)
    } finally {
      running = false
    }
  }, config().mail.retryMs)
  timer.unref()
}

import 'server-only'
import { config } from '../env'
import { runBackgroundJobs } from './background'

let started = false

/**
 * Runs the background jobs every OUTBOX_RETRY_MS on a long-running server (`npm start`,
 * `npm run dev`). Every instance may run it: the jobs claim their rows, so none is done twice.
 */
export function startJobTimer() {
  if (started) return
  started = true
  let running = false
  const timer = setInterval(async () => {
    if (running) return
    running = true
    try {
      await runBackgroundJobs()
    } catch (error) {
      console.warn(`[jobs] could not run: ${(error as Error)?.message ?? error}`)
    } finally {
      running = false
    }
  }, config().mail.retryMs)
  timer.unref()
}

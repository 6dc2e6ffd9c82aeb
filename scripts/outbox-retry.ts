/**
 * `npm run outbox:retry [-- <order id or session id>…]`: queues the emails the outbox gave up on
 * (logged as `[outbox] gave up`, shown as "failed" on the order in the Studio) for another day of
 * retries; all of them, or those named. The running store's jobs send them on their next round.
 * Uses DATABASE_URL (locally `.data/local.env`'s, so the store's database must be running).
 */
import './resolve-server-only'

const { database } = await import('../lib/db/client')
const { retryFailedEmails } = await import('../lib/orders/outbox/deliver')
try {
  const queued = await retryFailedEmails(process.argv.slice(2))
  for (const job of queued) console.log(`[outbox] queued again: ${job.topic} ${job.subject}`)
  console.log(`[outbox] ${queued.length} email${queued.length === 1 ? '' : 's'} queued again`)
} catch (error) {
  // drizzle wraps the driver's error (a refused connection) as the failed query's cause.
  const cause = (error as Error & { cause?: Error }).cause ?? (error as Error)
  console.error(`[outbox] could not queue: ${cause.message}`)
  process.exitCode = 1
} finally {
  await database().pool.end()
}

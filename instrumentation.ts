/** Runs once when the server starts: the email outbox retries in the background. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return
  const { startOutboxTimer } = await import('./lib/orders/outbox-timer')
  startOutboxTimer()
}

/**
 * Runs once when the server starts: a configuration or a start that is unsafe stops the process
 * here, with the reason (lib/startup.ts), and so does a database the store cannot use as
 * configured (lib/db/start-check.ts); then, on a long-lived server, the background jobs' timer
 * starts (lib/jobs). A serverless host has no process between requests: its scheduler calls /api/jobs.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build')
    return
  const { refuseUnsafeStart } = await import('./lib/startup')
  refuseUnsafeStart()
  const { refuseUnusableDatabase } = await import('./lib/db/start-check')
  await refuseUnusableDatabase()
  const { config } = await import('./lib/env')
  if (!config().serverless) {
    const { startJobTimer } = await import('./lib/jobs/timer')
    startJobTimer()
  }
  if (config().sanity.mode === 'real') {
    const { anonymousOrderCount } = await import('./lib/orders/mirror')
    anonymousOrderCount().then(
      (count) =>
        console[count > 0 ? 'error' : 'log'](
          count > 0
            ? `[startup] ${count} orders in the dataset can be read without a token: make the dataset private, or delete order documents whose id is not under "orders."`
            : '[startup] orders in the dataset are not readable without a token',
        ),
      (error) =>
        console.warn(
          `[startup] could not check whether orders are private: ${(error as Error).message}`,
        ),
    )
  }
}

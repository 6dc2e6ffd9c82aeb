/**
 * Runs once when the server starts: a configuration or a start that is unsafe stops the process
 * here, with the reason (lib/startup.ts); then the background jobs (lib/jobs) start.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return
  const { refuseUnsafeStart } = await import('./lib/startup')
  refuseUnsafeStart()
  const { startJobTimer } = await import('./lib/jobs/timer')
  startJobTimer()
  const { config } = await import('./lib/env')
  if (config().sanity.mode === 'real') {
    const { anonymousOrderCount } = await import('./lib/orders/mirror')
    anonymousOrderCount().then(
      (count) =>
        console[count > 0 ? 'error' : 'log'](
          count > 0
            ? `[startup] ${count} orders in the dataset can be read without a token: make the dataset private, or delete order documents whose id is not under "orders."`
            : '[startup] orders in the dataset are not readable without a token',
        ),
      (error) => console.warn(`[startup] could not check whether orders are private: ${(error as Error).message}`),
    )
  }
}

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
}

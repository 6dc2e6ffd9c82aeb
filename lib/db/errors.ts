/** SQLSTATE classes that mean "the database cannot serve now", not "this request is wrong": 08 connection, 53 resources, 57P operator intervention. */
const UNAVAILABLE_STATES = /^(08|53|57P)/
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE'])
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i

type DriverError = { code?: unknown; message?: unknown; detail?: unknown; cause?: unknown }

/** `error` and what it wraps (drizzle wraps the driver's error as `cause`), outermost first. */
export function* errorChain(error: unknown, depth = 5): Generator<DriverError> {
  for (let e = error as DriverError | undefined; e && depth > 0; e = e.cause as DriverError | undefined, depth--) yield e
}

/** True when `error` (or what it wraps) says PostgreSQL is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of errorChain(error)) {
    if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || UNAVAILABLE_STATES.test(e.code))) return true
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true
  }
  return false
}

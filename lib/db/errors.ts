/** SQLSTATE classes that mean "the database cannot serve now", not "this request is wrong": 08 connection, 53 resources, 57P operator intervention. */
const UNAVAILABLE_STATES = /^(08|53|57P)/
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
])
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i

type DriverError = { code?: unknown; message?: unknown; detail?: unknown; cause?: unknown }

/** `error` and what it wraps (drizzle wraps the driver's error as `cause`), outermost first. */
export function* errorChain(error: unknown, depth = 5): Generator<DriverError> {
  for (
    let e = error as DriverError | undefined;
    e && depth > 0;
    e = e.cause as DriverError | undefined, depth--
  )
    yield e
}

/** Node's codes for a server certificate that does not verify against the CAs in use. */
const UNTRUSTED_CERTIFICATE =
  /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID)$/

/**
 * What is wrong with the store's database settings, when `error` says they are wrong rather than
 * that the server is down: TLS that cannot verify, a refused login, a database of another
 * environment, a pooler refusing startup settings. Null for any other error. A start stops on it
 * (lib/db/start-check.ts); a request answers 503 and logs it.
 */
export function databaseMisconfiguration(error: unknown): string | null {
  for (const e of errorChain(error)) {
    const code = typeof e.code === 'string' ? e.code : ''
    const message = typeof e.message === 'string' ? e.message : ''
    if (UNTRUSTED_CERTIFICATE.test(code))
      return `the database server's TLS certificate does not verify (${code}): with sslmode=verify-full, give its CA as sslrootcert=<file> in DATABASE_URL or as DATABASE_CA_CERT (Supabase and RDS publish theirs)`
    if (/does not support SSL/i.test(message))
      return `the database server does not offer TLS: ${message}`
    if (code === '28P01' || code === '28000') return `the database refused the login: ${message}`
    if (code === '3D000') return `no such database: ${message}`
    if (/unsupported startup parameter/i.test(message))
      return `a connection pooler refused the store's session limits (${message}): add pgbouncer=true to the URL so they are not sent, and run \`npm run db:migrate\` to set them on the role`
    if (e instanceof Error && e.name === 'WrongEnvironmentError') return message
    if (/records no environment/.test(message)) return message
  }
  return null
}

/** True when `error` (or what it wraps) says PostgreSQL is unreachable, or that the store cannot use it as configured. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (databaseMisconfiguration(error)) return true
  for (const e of errorChain(error)) {
    if (
      typeof e.code === 'string' &&
      (UNAVAILABLE_CODES.has(e.code) || UNAVAILABLE_STATES.test(e.code))
    )
      return true
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true
  }
  return false
}

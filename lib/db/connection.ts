import { parseIntoClientConfig } from 'pg-connection-string'
import type pg from 'pg'

/**
 * How the store connects to PostgreSQL, from a postgres:// URL: TLS as the URL says it (libpq's
 * `sslmode`, `sslrootcert`), plus a CA given as text (DATABASE_CA_CERT, for hosts where a
 * certificate file is awkward, such as Vercel), and the session limits that keep one stuck
 * query or transaction from holding rows and connections for ever.
 */

/** Limits for every store session; a transaction-mode pooler gets them from the role instead (lib/db/migrate.ts). */
export const SESSION_LIMITS = {
  statement_timeout: 15_000,
  lock_timeout: 5_000,
  idle_in_transaction_session_timeout: 30_000,
} as const

/**
 * A URL that names a transaction-mode pooler: Neon's `-pooler` host, Supabase's pooler port 6543,
 * or `pgbouncer=true` (say so for your own PgBouncer). Such a pooler refuses or drops startup
 * settings and hands each transaction any server connection.
 */
export function looksPooled(url: string) {
  const { hostname, port, searchParams } = new URL(url)
  return /-pooler\./.test(hostname) || port === '6543' || searchParams.get('pgbouncer') === 'true'
}

/**
 * Why the URL's TLS settings are unsafe or ambiguous, or null. node-postgres 8 treats
 * `sslmode=require` (and `prefer`, `verify-ca`) as `verify-full`, where libpq only encrypts; so a
 * URL copied from a host's dashboard means something else to each, and fails against a server
 * whose certificate is not publicly trusted (Supabase, RDS). Only the explicit modes are taken.
 */
export function tlsProblem(url: string, ca?: string): string | null {
  const params = new URL(url).searchParams
  const mode = params.get('sslmode')
  if (
    mode &&
    ['prefer', 'require', 'verify-ca'].includes(mode) &&
    params.get('uselibpqcompat') !== 'true'
  )
    return `sslmode=${mode} is ambiguous (node-postgres verifies like verify-full, libpq does not): write sslmode=verify-full, with sslrootcert=<file> or DATABASE_CA_CERT when the server's certificate is not publicly trusted (Supabase, RDS)`
  if (ca && mode !== 'verify-full')
    return 'DATABASE_CA_CERT is given: use it with sslmode=verify-full in the URL'
  return null
}

/** The `pg` options for `url`: TLS from the URL (and `ca`), and the session limits unless a pooler would refuse them. */
export function connectionConfig(url: string, { ca }: { ca?: string } = {}): pg.ClientConfig {
  const parsed = parseIntoClientConfig(url) as pg.ClientConfig & { pgbouncer?: string }
  delete parsed.pgbouncer
  if (ca && parsed.ssl && typeof parsed.ssl === 'object') parsed.ssl.ca = ca
  return looksPooled(url) ? parsed : { ...parsed, ...SESSION_LIMITS }
}

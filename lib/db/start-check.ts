import 'server-only'
import { database } from './client'
import { SESSION_LIMITS } from './connection'
import { databaseMisconfiguration, isDatabaseUnavailable } from './errors'

export type StartCheck =
  | { ok: true; limits: Record<keyof typeof SESSION_LIMITS, string>; missing: string[] }
  | { ok: false; fatal: boolean; reason: string }

/**
 * One query through the store's pool as it starts: its first connection checks the database's
 * environment (lib/db/client.ts), and the answer shows the session limits in effect. Settings
 * that are wrong (TLS, login, environment) are fatal, so a start stops with the reason rather
 * than answering every request with an error; a server that is merely down is not, since the
 * store serves what it can and answers 503 until it is back.
 */
export async function checkDatabaseAtStart(): Promise<StartCheck> {
  try {
    const names = Object.keys(SESSION_LIMITS) as Array<keyof typeof SESSION_LIMITS>
    const { rows } = await database().pool.query<Record<string, string>>(
      `select ${names.map((name) => `current_setting('${name}') as ${name}`).join(', ')}`,
    )
    const limits = rows[0] as Record<keyof typeof SESSION_LIMITS, string>
    return { ok: true, limits, missing: names.filter((name) => limits[name] === '0') }
  } catch (error) {
    const reason = databaseMisconfiguration(error)
    if (reason) return { ok: false, fatal: true, reason }
    return { ok: false, fatal: !isDatabaseUnavailable(error), reason: (error as Error).message }
  }
}

/** Logs the check's answer; true when the start must stop. */
export async function reportDatabaseAtStart(
  log: Pick<Console, 'log' | 'warn' | 'error'> = console,
): Promise<boolean> {
  const check = await checkDatabaseAtStart()
  if (check.ok && check.missing.length === 0) {
    log.log(
      `[startup] database ready (${Object.entries(check.limits)
        .map(([name, value]) => `${name}=${value}`)
        .join(', ')})`,
    )
  } else if (check.ok) {
    log.warn(
      `[startup] ${check.missing.join(', ')} off for the store's connections: run \`npm run db:migrate\` as the store's database role, which sets them on it`,
    )
  } else if (check.fatal) {
    log.error(`[startup] cannot use the database: ${check.reason}`)
    return true
  } else {
    log.warn(
      `[startup] database unreachable for now (${check.reason}); requests that need it answer 503 until it is back`,
    )
  }
  return false
}

/** Stops the process when the database cannot be used as configured (register() only logs a throw). */
export async function refuseUnusableDatabase() {
  if (await reportDatabaseAtStart()) process.exit(1)
}

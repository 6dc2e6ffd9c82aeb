import 'server-only'
import { lt } from 'drizzle-orm'
import { db } from '../db/client'
import { authSessions, authVerifications } from '../db/schema'

/**
 * Expired sessions and codes, which Better Auth leaves behind (it ignores them when read): they
 * are deleted by the background jobs, so a signed-out browser's row does not stay for ever.
 */
export async function pruneExpiredSignIns(now = new Date()) {
  const sessions = await db().delete(authSessions).where(lt(authSessions.expiresAt, now))
  const codes = await db().delete(authVerifications).where(lt(authVerifications.expiresAt, now))
  return { sessions: sessions.rowCount ?? 0, codes: codes.rowCount ?? 0 }
}

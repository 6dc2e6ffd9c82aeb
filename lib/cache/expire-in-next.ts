import { revalidateTag } from 'next/cache'

/**
 * Tells Next itself that tags expired: on Vercel its shared cache, which our PostgreSQL tags do
 * not reach. Only a request can (a route, an action); called elsewhere (a script, a test), there is
 * no Next cache in the process to tell, and PostgreSQL's record (shared-cache.ts) is what counts.
 */
export function expireInNext(tags: readonly string[]) {
  for (const tag of tags) {
    try {
      revalidateTag(tag, { expire: 0 })
    } catch {
      return
    }
  }
}

import 'server-only'
import { mirrorOrder } from '../orders/mirror'
import { drain } from '../orders/outbox/queue'

/**
 * Writes these orders' queued mirrors now, rather than at the job runner's next turn, so the
 * Studio shows an account's change at once; a failure stays queued, and the runner retries it.
 */
export async function mirrorNow(orderIds: string[]) {
  for (const id of orderIds)
    await drain('order_mirror', mirrorOrder, { only: id, limit: 5, giveUpAfterMs: Infinity }).catch(
      (error) =>
        console.warn(`[accounts] mirror ${id} stays queued: ${(error as Error)?.message ?? error}`),
    )
}

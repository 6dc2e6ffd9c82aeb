import fc from 'fast-check'
import { changes, contentById, send, shown } from '../fuzz-probe'
import { FUZZED_ROUTES } from '../fuzz-routes'
import { uncoveredRoutes } from '../route-files'
import { shopperAddress } from '../shopper'
import { waitFor, type Stack } from '../stack'
import type { Figure } from '../util'

/** Fuzz requests come from addresses of their own, past every shopper's, so no budget is shared. */
const FUZZ_CLIENTS = 40_001

/**
 * Generated bad input on every API route file and every method it exports (the table in
 * fuzz-routes.ts): the answer each route owes to bad input, never a 5xx, never a write. Each
 * route method is its own property, so one method's failure hides no other's, and a failure is
 * shrunk to a minimal request. Requests come from a remote (non-loopback) client, as
 * X-Forwarded-For says.
 */
export async function fuzz(stack: Stack): Promise<Figure> {
  const gaps = uncoveredRoutes(FUZZED_ROUTES)
  // Orders placed by earlier checks reach the lake through the outbox, a moment later: let those
  // mirrors be written first, so that any write during the fuzz is one the fuzz made.
  const mirrored = await waitFor(async () => (await pendingMirrors(stack)) === 0, 60_000)
  if (!mirrored)
    console.warn(
      `[reliability] fuzz: ${await pendingMirrors(stack)} order mirrors still queued after 60 s`,
    )
  const start = await contentById(stack)
  let seen = start
  let sent = 0
  const failures: string[] = []
  const table = Object.entries(FUZZED_ROUTES).flatMap(([file, methods]) =>
    Object.entries(methods).map(([method, fuzzed]) => ({ file, method, ...fuzzed })),
  )
  for (const { file, method, probes, verdict, runs } of table) {
    const result = await fc.check(
      fc.asyncProperty(probes, async (probe) => {
        const answer = await send(probe, shopperAddress(FUZZ_CLIENTS + sent++))
        // Compared with the lake just before this request, so a write is pinned on the request that made it.
        const now = await contentById(stack)
        const wrote = changes(seen, now)
        seen = now
        const problems = [
          answer.status >= 500 ? `answered ${answer.status}` : verdict(answer),
          wrote && `wrote: ${wrote}`,
        ].filter(Boolean)
        if (problems.length > 0) throw new Error(problems.join('; '))
      }),
      { numRuns: runs },
    )
    if (result.failed)
      failures.push(
        `${file} ${method}: ${result.counterexample ? shown(result.counterexample[0]) : '?'} → ${(result.errorInstance as Error)?.message ?? result.errorInstance}`,
      )
  }
  const written = changes(start, await contentById(stack))
  const pass = gaps.length === 0 && failures.length === 0 && written === '' && sent >= 500
  return {
    check: 'Fuzz',
    figure: `${sent} generated bad requests on ${Object.keys(FUZZED_ROUTES).length} route files, ${table.length} route methods → ${failures.length} failing; content ${written ? `CHANGED (${written})` : 'unchanged'}${gaps.length ? `; NOT FUZZED: ${gaps.join(', ')}` : ''}${failures.length ? `; shrunk failures: ${failures.join(' | ')}` : ''}`,
    target:
      'every route file and method under app/api; ≥ 500 requests → the answer each route owes (mostly 4xx JSON {error}), 0 × 5xx, nothing written',
    pass,
  }
}

async function pendingMirrors(stack: Stack) {
  const [{ count }] = await stack.query<{ count: string }>(
    "select count(*) from outbox where topic = 'order_mirror' and done_at is null and failed_at is null",
  )
  return Number(count)
}

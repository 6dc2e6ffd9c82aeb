import { load } from './load'

/**
 * Requests per second of two URLs on the same server, 50 connections. After a warm-up each, the
 * runs go A B B A so a drift in the machine's load (it is shared) hits both sides alike.
 */
export type Throughput = { url: string; reqPerSec: number; failed: number; seconds: number }

const CONNECTIONS = 50

export async function compareThroughput(a: string, b: string, { seconds = 5, warmupSeconds = 2 } = {}): Promise<[Throughput, Throughput]> {
  const totals = new Map<string, { ok: number; failed: number; seconds: number }>([
    [a, { ok: 0, failed: 0, seconds: 0 }],
    [b, { ok: 0, failed: 0, seconds: 0 }],
  ])
  for (const url of [a, b]) await load({ url, connections: CONNECTIONS, duration: warmupSeconds })
  for (const url of [a, b, b, a]) {
    const run = await load({ url, connections: CONNECTIONS, duration: seconds })
    const total = totals.get(url)!
    total.ok += run.ok
    total.failed += run.result.errors + run.result.timeouts + (run.latenciesMs.length - run.ok)
    total.seconds += run.result.duration
  }
  const figures = (url: string): Throughput => {
    const t = totals.get(url)!
    return { url, reqPerSec: t.ok / t.seconds, failed: t.failed, seconds: t.seconds }
  }
  return [figures(a), figures(b)]
}

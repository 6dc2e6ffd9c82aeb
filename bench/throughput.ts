import { load, percentile } from './load'

/**
 * Requests per second of two URLs on the same server, 50 connections. After a warm-up each, the
 * runs go A B B A so a drift in the machine's load (it is shared) hits both sides alike. Each side
 * also keeps its time to the full response (p50, p95) and how often each `x-nextjs-cache` value came.
 */
export type Throughput = {
  url: string
  reqPerSec: number
  failed: number
  seconds: number
  p50: number
  p95: number
  cache: Record<string, number>
}

const CONNECTIONS = 50

export async function compareThroughput(
  a: string,
  b: string,
  { seconds = 5, warmupSeconds = 2 } = {},
): Promise<[Throughput, Throughput]> {
  const totals = new Map(
    [a, b].map((url) => [
      url,
      {
        ok: 0,
        failed: 0,
        seconds: 0,
        latencies: [] as number[],
        cache: {} as Record<string, number>,
      },
    ]),
  )
  for (const url of [a, b]) await load({ url, connections: CONNECTIONS, duration: warmupSeconds })
  for (const url of [a, b, b, a]) {
    const run = await load(
      { url, connections: CONNECTIONS, duration: seconds },
      { countHeader: 'x-nextjs-cache' },
    )
    const total = totals.get(url)!
    total.ok += run.ok
    total.failed += run.result.errors + run.result.timeouts + (run.latenciesMs.length - run.ok)
    total.seconds += run.result.duration
    total.latencies.push(...run.latenciesMs)
    for (const [value, n] of Object.entries(run.headerValues))
      total.cache[value] = (total.cache[value] ?? 0) + n
  }
  const figures = (url: string): Throughput => {
    const t = totals.get(url)!
    return {
      url,
      reqPerSec: t.ok / t.seconds,
      failed: t.failed,
      seconds: t.seconds,
      p50: percentile(t.latencies, 50),
      p95: percentile(t.latencies, 95),
      cache: t.cache,
    }
  }
  return [figures(a), figures(b)]
}

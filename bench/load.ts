import autocannon, { type Options, type Result } from 'autocannon'

/**
 * One autocannon run, keeping every response's latency and status: autocannon's own summary
 * has no p95, and a failed response must be counted rather than averaged in.
 */
export type Load = { result: Result; latenciesMs: number[]; statuses: Record<number, number>; ok: number; reqPerSec: number }

export async function load(options: Options): Promise<Load> {
  const latenciesMs: number[] = []
  const statuses: Record<number, number> = {}
  const instance = autocannon({ pipelining: 1, timeout: 30, ...options })
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latenciesMs.push(ms)
    statuses[status] = (statuses[status] ?? 0) + 1
  })
  const result = await instance
  const ok = Object.entries(statuses).reduce((sum, [status, n]) => sum + (Number(status) < 400 ? n : 0), 0)
  return { result, latenciesMs, statuses, ok, reqPerSec: ok / result.duration }
}

export function percentile(values: number[], p: number) {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

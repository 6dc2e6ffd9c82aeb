import autocannon, { type Options, type Result } from 'autocannon'

/**
 * One autocannon run, keeping every response's latency and status: autocannon's own summary
 * has no p95, and a failed response must be counted rather than averaged in. With `countHeader`,
 * also how often each value of that response header came (`none` when absent).
 */
export type Load = {
  result: Result
  latenciesMs: number[]
  statuses: Record<number, number>
  headerValues: Record<string, number>
  ok: number
  reqPerSec: number
}

export async function load(
  options: Options,
  { countHeader }: { countHeader?: string } = {},
): Promise<Load> {
  const latenciesMs: number[] = []
  const statuses: Record<number, number> = {}
  const headerValues: Record<string, number> = {}
  const wanted = countHeader?.toLowerCase()
  const instance = autocannon({
    pipelining: 1,
    timeout: 30,
    ...options,
    ...(wanted && {
      // The parser's raw headers: name, value, name, value…, names as the server wrote them.
      setupClient: (client) =>
        client.on('headers', ({ headers }: { headers: string[] }) => {
          const at = headers.findIndex((name, i) => i % 2 === 0 && name.toLowerCase() === wanted)
          const value = at < 0 ? 'none' : headers[at + 1]
          headerValues[value] = (headerValues[value] ?? 0) + 1
        }),
    }),
  })
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latenciesMs.push(ms)
    statuses[status] = (statuses[status] ?? 0) + 1
  })
  const result = await instance
  const ok = Object.entries(statuses).reduce(
    (sum, [status, n]) => sum + (Number(status) < 400 ? n : 0),
    0,
  )
  return { result, latenciesMs, statuses, headerValues, ok, reqPerSec: ok / result.duration }
}

export function percentile(values: number[], p: number) {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

// autocannon ships no types; this covers the part of its programmatic API the bench uses.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  export type Request = {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request
  }

  export type Options = {
    url: string
    connections?: number
    duration?: number
    amount?: number
    pipelining?: number
    timeout?: number
    method?: string
    headers?: Record<string, string>
    requests?: Request[]
    /** Called with each connection's client, e.g. to listen to its `headers` event. */
    setupClient?: (client: EventEmitter) => void
  }

  export type Result = {
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
    totalCompletedRequests: number
    latency: { p50: number; p90: number; p99: number; average: number; max: number }
    requests: { average: number; total: number }
  }

  export type Instance = EventEmitter & PromiseLike<Result>

  export default function autocannon(options: Options): Instance
}

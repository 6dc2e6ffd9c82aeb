import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A round-robin load balancer on loopback, in front of the store's instances: each request goes
 * to the next upstream, as a platform's balancer would spread buyers and Stripe's webhook
 * deliveries. Headers pass through untouched (the bench's buyers name themselves with
 * X-Forwarded-For), bodies stream both ways. The upstream list can change between runs.
 */
export async function startBalancer(port: number) {
  let upstreams: string[] = []
  let next = 0
  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? '/', upstreams[next++ % upstreams.length])
    const forward = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
    req.pipe(forward)
  })
  server.keepAliveTimeout = 5_000
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    route(to: string[]) {
      upstreams = to
      next = 0
    },
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  }
}

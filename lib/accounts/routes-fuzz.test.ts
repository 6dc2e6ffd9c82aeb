import fc from 'fast-check'
import { NextRequest } from 'next/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FUZZED_ROUTES, type Probe } from '../../scripts/reliability/fuzz-routes'
import { startBuyingStack } from '../test/buying-stack'

/**
 * The reliability fuzz's probes for the account routes (scripts/reliability/fuzz-routes.ts), sent
 * in-process to the route handlers: each answer is a 4xx JSON { error } (or the route's own
 * harmless answer), never a 5xx. The full fuzz runs them over HTTP against the built app.
 */
let stack: Awaited<ReturnType<typeof startBuyingStack>>
const SITE = 'http://localhost:3999'

beforeAll(async () => {
  stack = await startBuyingStack()
})
afterAll(() => stack.stop())

type Handler = (
  req: NextRequest,
  context: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>

const MODULES: Record<string, () => Promise<Record<string, unknown>>> = {
  'app/api/account/route.ts': () => import('@/app/api/account/route'),
  'app/api/account/addresses/route.ts': () => import('@/app/api/account/addresses/route'),
  'app/api/account/addresses/[id]/route.ts': () => import('@/app/api/account/addresses/[id]/route'),
  'app/api/account/export/route.ts': () => import('@/app/api/account/export/route'),
  'app/api/auth/[...all]/route.ts': () => import('@/app/api/auth/[...all]/route'),
}

async function send(file: string, probe: Probe, client: number) {
  const handler = (await MODULES[file]())[probe.method] as Handler
  const url = new URL(probe.path, SITE)
  const id = decodeURIComponent(url.pathname.split('/').pop() ?? '')
  const req = new NextRequest(url, {
    method: probe.method,
    headers: { ...probe.headers, 'x-forwarded-for': `10.99.${client >> 8}.${client & 255}` },
    body: probe.body,
  })
  const res = await handler(req, {
    params: Promise.resolve({ id, all: url.pathname.split('/').slice(3) }),
  })
  const json = await res.json().catch(() => undefined)
  return { url: url.href, status: res.status, location: res.headers.get('location'), json }
}

describe('account routes under the fuzz', () => {
  for (const file of Object.keys(MODULES)) {
    it(`${file}: bad requests are refused, never a 5xx`, async () => {
      let client = 0
      const wrong: string[] = []
      for (const [method, fuzzed] of Object.entries(FUZZED_ROUTES[file])) {
        for (const probe of fc.sample(fuzzed!.probes, {
          numRuns: Math.min(fuzzed!.runs, 25),
          seed: 27,
        })) {
          const answer = await send(file, probe, ++client)
          const problem = answer.status >= 500 ? `a ${answer.status}` : fuzzed!.verdict(answer)
          if (problem)
            wrong.push(
              `${method} ${probe.path.slice(0, 80)}: ${problem} ${JSON.stringify(answer.json)?.slice(0, 120)}`,
            )
        }
      }
      expect(wrong).toEqual([])
    })
  }
})

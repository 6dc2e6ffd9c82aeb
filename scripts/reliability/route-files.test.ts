import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FUZZED_ROUTES, redirectsOnSite } from './fuzz-routes'
import { routeFiles, uncoveredRoutes } from './route-files'

/** The paths a route file answers: `[...rest]` is one or more segments, `[id]` exactly one. */
const pathPattern = (file: string) =>
  new RegExp(
    `^${file
      .replace(/^app/, '')
      .replace(/\/route\.ts$/, '')
      .replace(/\[\.\.\.[^\]]+\]/g, '.+')
      .replace(/\[[^\]]+\]/g, '[^/]+')}$`,
  )

describe('the fuzz table', () => {
  it('covers every route file under app/api and every method each exports', () => {
    expect(routeFiles().length).toBeGreaterThan(0)
    expect(uncoveredRoutes(FUZZED_ROUTES)).toEqual([])
  })

  it("sends each entry's requests to its own route file, with its own method", () => {
    for (const [file, methods] of Object.entries(FUZZED_ROUTES)) {
      for (const [method, { probes }] of Object.entries(methods)) {
        for (const probe of fc.sample(probes, 20)) {
          expect(probe.method).toBe(method)
          expect(probe.path.split('?')[0]).toMatch(pathPattern(file))
        }
      }
    }
  })

  it('names a route file or method the table lacks, and an entry for a route that is gone', () => {
    const root = mkdtempSync(join(tmpdir(), 'routes-'))
    mkdirSync(join(root, 'app/api/things/[id]'), { recursive: true })
    writeFileSync(
      join(root, 'app/api/things/[id]/route.ts'),
      'export const GET = async () => new Response()\nconst h = GET\nexport { h as DELETE }\n',
    )
    mkdirSync(join(root, 'app/api/other'), { recursive: true })
    writeFileSync(
      join(root, 'app/api/other/route.ts'),
      'export async function POST() { return new Response() }\n',
    )
    const files = routeFiles('app/api', root)
    expect(files).toEqual([
      { file: 'app/api/other/route.ts', methods: ['POST'] },
      { file: 'app/api/things/[id]/route.ts', methods: ['GET', 'DELETE'] },
    ])
    expect(
      uncoveredRoutes(
        {
          'app/api/things/[id]/route.ts': { GET: {}, PUT: {} },
          'app/api/gone/route.ts': { GET: {} },
        },
        files,
      ),
    ).toEqual([
      'app/api/other/route.ts is not fuzzed',
      'app/api/things/[id]/route.ts DELETE is not fuzzed',
      'app/api/things/[id]/route.ts PUT is fuzzed but not exported',
      'app/api/gone/route.ts is fuzzed but no longer exists',
    ])
  })
})

describe('redirectsOnSite', () => {
  const answer = (location: string | null, status = 307) => ({
    url: 'http://localhost:3200/api/draft-mode/disable?redirect=x',
    status,
    location,
    json: null,
  })

  it('accepts a redirect to a page of the site, relative or absolute', () => {
    expect(redirectsOnSite(answer('/articles/x'))).toBeUndefined()
    expect(redirectsOnSite(answer('http://localhost:3200/'))).toBeUndefined()
  })

  it('refuses a redirect to another host, or no redirect at all', () => {
    expect(redirectsOnSite(answer('http://evil.example/'))).toBe(
      'redirected off the site to http://evil.example/',
    )
    expect(redirectsOnSite(answer('//evil.example/x'))).toBe(
      'redirected off the site to http://evil.example/x',
    )
    expect(redirectsOnSite(answer(null, 200))).toBe('expected a redirect, got 200')
  })
})

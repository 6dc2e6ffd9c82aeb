import { describe, expect, it } from 'vitest'
import { parseCorsOrigins } from '../cors'
import { READ_TOKEN } from './harness'
import { lakeForSuite } from './suite'

const STORE = 'http://localhost:3100'
const STARTER = 'https://starter.example'
const lake = lakeForSuite(undefined, { corsOrigins: `${STORE};credentials, ${STARTER}` })

const QUERY = '/v2025-02-19/data/query/production?query=count(*)'

function get(path: string, headers: Record<string, string>) {
  return fetch(`${lake.url}${path}`, { headers })
}

function corsHeadersOf(res: Response) {
  return {
    origin: res.headers.get('access-control-allow-origin'),
    credentials: res.headers.get('access-control-allow-credentials'),
  }
}

describe('CORS, as Sanity keeps it per project', () => {
  it('gives an origin on the list its own origin back, and credentials only where it was added with them', async () => {
    const store = await get(QUERY, { origin: STORE, authorization: `Bearer ${READ_TOKEN}` })
    expect(store.status).toBe(200)
    expect(corsHeadersOf(store)).toEqual({ origin: STORE, credentials: 'true' })
    expect(store.headers.get('vary')).toBe('Origin')

    const starter = await get(QUERY, { origin: STARTER, authorization: `Bearer ${READ_TOKEN}` })
    expect(starter.status).toBe(200)
    expect(corsHeadersOf(starter)).toEqual({ origin: STARTER, credentials: null })
  })

  it('refuses an origin not on the list with a 403 and no CORS header, however close it is', async () => {
    for (const origin of [
      'https://evil.example',
      'http://localhost:3101',
      'https://localhost:3100',
      'http://starter.example',
      'null',
    ]) {
      const res = await get(QUERY, { origin, authorization: `Bearer ${READ_TOKEN}` })
      expect(res.status, origin).toBe(403)
      expect(corsHeadersOf(res), origin).toEqual({ origin: null, credentials: null })
      expect(await res.json()).toEqual({
        error: { description: `CORS origin not allowed: ${origin}`, type: 'corsOriginError' },
      })
    }
  })

  it('answers a request without Origin (a server) as before', async () => {
    const res = await get(QUERY, { authorization: `Bearer ${READ_TOKEN}` })
    expect(res.status).toBe(200)
    expect(corsHeadersOf(res)).toEqual({ origin: null, credentials: null })
  })

  it('answers preflights from listed origins with the methods and headers they may use, and refuses others', async () => {
    const preflight = (origin: string) =>
      fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      })
    const allowed = await preflight(STORE)
    expect(allowed.status).toBe(204)
    expect(corsHeadersOf(allowed)).toEqual({ origin: STORE, credentials: 'true' })
    expect(allowed.headers.get('access-control-allow-methods')).toBe(
      'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    )
    expect(allowed.headers.get('access-control-allow-headers')).toBe(
      'Authorization, Content-Type, Last-Event-ID, X-Sanity-Project-ID, X-Sanity-App',
    )

    const refused = await preflight('https://evil.example')
    expect(refused.status).toBe(403)
    expect(corsHeadersOf(refused)).toEqual({ origin: null, credentials: null })
    expect(refused.headers.get('access-control-allow-methods')).toBeNull()
  })

  it('answers /check/cors for any origin, saying whether that origin is allowed and with credentials', async () => {
    const check = async (origin: string) => {
      const res = await get('/vX/check/cors', { origin })
      expect(res.status).toBe(200)
      expect(corsHeadersOf(res)).toEqual({ origin: '*', credentials: null })
      return res.json()
    }
    expect(await check(STORE)).toEqual({ result: { allowed: true, withCredentials: true } })
    expect(await check(STARTER)).toEqual({ result: { allowed: true, withCredentials: false } })
    expect(await check('https://evil.example')).toEqual({
      result: { allowed: false, withCredentials: false },
    })
  })

  it('lets a listed origin open the live events stream, as a Sanity starter does from its own origin', async () => {
    const controller = new AbortController()
    const res = await fetch(`${lake.url}/vX/data/live/events/production`, {
      headers: { origin: STARTER },
      signal: controller.signal,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    expect(corsHeadersOf(res)).toEqual({ origin: STARTER, credentials: null })
    const reader = res.body!.getReader()
    const { value } = await reader.read()
    expect(new TextDecoder().decode(value)).toMatch(/^event: welcome\n/m)
    controller.abort()

    const refused = await fetch(`${lake.url}/vX/data/live/events/production`, {
      headers: { origin: 'https://evil.example' },
    })
    expect(refused.status).toBe(403)
    expect(corsHeadersOf(refused).origin).toBeNull()
  })
})

describe('LAKE_CORS_ORIGINS', () => {
  it('reads origins with and without credentials', () => {
    expect(parseCorsOrigins(' http://localhost:3000;credentials , https://shop.example ,')).toEqual(
      [
        { origin: 'http://localhost:3000', credentials: true },
        { origin: 'https://shop.example', credentials: false },
      ],
    )
    expect(parseCorsOrigins('')).toEqual([])
  })

  it('refuses anything but an exact scheme://host[:port]', () => {
    expect(() => parseCorsOrigins('*')).toThrow('"*": wildcards are not supported')
    expect(() => parseCorsOrigins('https://*.example.org')).toThrow('wildcards are not supported')
    expect(() => parseCorsOrigins('http://localhost:3000/')).toThrow(
      'did you mean "http://localhost:3000"',
    )
    expect(() => parseCorsOrigins('https://shop.example:443')).toThrow(
      'did you mean "https://shop.example"',
    )
    expect(() => parseCorsOrigins('ftp://files.example')).toThrow('is not an origin')
    expect(() => parseCorsOrigins('null')).toThrow('is not an origin')
    expect(() => parseCorsOrigins('http://localhost:3000;creds')).toThrow(
      'expected "origin" or "origin;credentials"',
    )
  })
})

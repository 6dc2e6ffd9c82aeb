import { NextRequest } from 'next/server'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { testDatabase } from '../test/database'

/** The local Studio's sign-in route: the password buys a signed, HttpOnly, SameSite=Strict cookie, and nothing else does. */
const SITE = 'http://localhost:3999'
let databaseUrl: string
beforeAll(async () => {
  databaseUrl = await testDatabase() // the sign-in budget is counted there
})

async function load(password?: string) {
  vi.resetModules()
  vi.stubEnv('SITE_URL', SITE)
  vi.stubEnv('SANITY_PROJECT_ID', undefined as unknown as string)
  vi.stubEnv('CART_SECRET', 'c'.repeat(64))
  vi.stubEnv('DATABASE_URL', databaseUrl)
  vi.stubEnv('LOCAL_STUDIO_PASSWORD', password as string)
  return import('@/app/api/studio-session/route')
}

const signIn = (password: unknown, headers: Record<string, string> = {}) =>
  new NextRequest(`${SITE}/api/studio-session`, {
    method: 'POST',
    headers: { host: 'localhost:3999', 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7', ...headers },
    body: JSON.stringify({ password }),
  })

beforeEach(() => vi.unstubAllEnvs())
afterEach(() => vi.unstubAllEnvs())

describe('studio sign-in', () => {
  it('sets a signed, HttpOnly, SameSite=Strict session cookie for the right password', async () => {
    const { POST } = await load('correct horse battery')
    const res = await POST(signIn('correct horse battery'))
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^rw_studio=\d{10}\.[A-Za-z0-9_-]{43};/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=strict/i)
  })

  it('answers a wrong password with 401 JSON and no cookie', async () => {
    const { POST } = await load('correct horse battery')
    const res = await POST(signIn('correct horse batterz'))
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: 'That password is not right' })
    expect(res.headers.get('set-cookie')).toBeNull()
  })

  it('limits guesses per client', async () => {
    const { POST } = await load('correct horse battery')
    const statuses = []
    for (let i = 0; i < 15; i++) statuses.push((await POST(signIn(`guess-${i}`, { 'x-forwarded-for': '203.0.113.8' }))).status)
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true)
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true)
  })

  it('does not exist without a password, or for a request addressed to another host', async () => {
    expect((await (await load()).POST(signIn('anything'))).status).toBe(404)
    const { POST } = await load('correct horse battery')
    expect((await POST(signIn('correct horse battery', { host: 'rebound.example:3999' }))).status).toBe(421)
  })
})

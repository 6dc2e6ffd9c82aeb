import { NextRequest } from 'next/server'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { testDatabase } from '../test/database'

/** The local Studio's sign-in route: the password buys a signed, HttpOnly, SameSite=Strict cookie, and nothing else does. */
const SITE = 'http://localhost:3999'
let databaseUrl: string
beforeAll(async () => {
  databaseUrl = await testDatabase() // the sign-in budget is counted there
})

async function load(password?: string, key = 'the-studio-link-key-0123456789') {
  vi.resetModules()
  vi.stubEnv('LOCAL_STUDIO_KEY', key)
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
    headers: {
      host: 'localhost:3999',
      'content-type': 'application/json',
      'x-forwarded-for': '203.0.113.7',
      ...headers,
    },
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

  it('opens the Studio for the browser on this machine that follows the printed link, and for no one else', async () => {
    const { GET } = await load()
    const follow = (key: string, headers: Record<string, string> = {}) =>
      GET(
        new NextRequest(`${SITE}/api/studio-session?key=${key}`, {
          headers: { host: 'localhost:3999', 'x-forwarded-for': '127.0.0.1', ...headers },
        }),
      )
    const opened = await follow('the-studio-link-key-0123456789')
    expect(opened.status).toBe(303)
    expect(opened.headers.get('location')).toBe(`${SITE}/studio`)
    const cookie = opened.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^rw_studio=\d{10}\.[A-Za-z0-9_-]{43};/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=strict/i)
    const { studioAccess } = await import('./access')
    const session = cookie.split(';')[0].split('=')[1]
    expect(
      studioAccess({ headers: new Headers({ 'x-forwarded-for': '127.0.0.1' }) }, session),
    ).toBe('allowed')
    expect(
      studioAccess({ headers: new Headers({ 'x-forwarded-for': '127.0.0.1' }) }, undefined),
    ).toBe('link')

    const wrong = await follow('not-the-key')
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('set-cookie')).toBeNull()
    expect(
      (await follow('the-studio-link-key-0123456789', { 'x-forwarded-for': '203.0.113.20' }))
        .status,
    ).toBe(403)
    expect(
      (await follow('the-studio-link-key-0123456789', { host: 'rebound.example:3999' })).status,
    ).toBe(421)
    // With a password, the password is the way in.
    expect(
      (
        await (
          await load('correct horse battery')
        ).GET(new NextRequest(`${SITE}/api/studio-session?key=x`))
      ).status,
    ).toBe(404)
  })

  it('makes a client wait after three wrong passwords, longer after each, even for the right one', async () => {
    const { POST } = await load('correct horse battery')
    const guess = (password: string) =>
      POST(signIn(password, { 'x-forwarded-for': '2001:db8:5::1' }))
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await guess(`guess-${i}`)).status)
    expect(statuses).toEqual([401, 401, 401, 401])
    const waiting = await guess('correct horse battery')
    expect(waiting.status).toBe(429)
    expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    // Another address in the same /64 is the same client.
    expect(
      (await POST(signIn('correct horse battery', { 'x-forwarded-for': '2001:db8:5::2' }))).status,
    ).toBe(429)
    // Once the wait is over, the right password works again.
    await new Promise((resolve) =>
      setTimeout(resolve, Number(waiting.headers.get('retry-after')) * 1000 + 100),
    )
    expect((await guess('correct horse battery')).status).toBe(200)
  })

  it('pauses sign-in for everyone after 100 wrong passwords from any number of addresses', async () => {
    const { POST } = await load('correct horse battery')
    // Three guesses each from many addresses: no one address ever waits.
    for (let i = 0; ; i++) {
      const res = await POST(
        signIn(`spray-${i}`, { 'x-forwarded-for': `198.51.100.${Math.floor(i / 3)}` }),
      )
      if (res.status === 429) break
      expect(res.status).toBe(401)
      expect(i).toBeLessThan(100)
    }
    const editor = await POST(signIn('correct horse battery', { 'x-forwarded-for': '192.0.2.200' }))
    expect(editor.status).toBe(429)
    expect(await editor.json()).toEqual({
      error: 'Sign-in is paused after too many wrong passwords. Please try again later.',
    })
  })

  it('does not exist without a password, or for a request addressed to another host', async () => {
    expect((await (await load()).POST(signIn('anything'))).status).toBe(404)
    const { POST } = await load('correct horse battery')
    expect(
      (await POST(signIn('correct horse battery', { host: 'rebound.example:3999' }))).status,
    ).toBe(421)
  })
})

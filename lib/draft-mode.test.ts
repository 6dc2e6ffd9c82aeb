import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

let safeRedirectUrl: typeof import('./draft-mode').safeRedirectUrl

beforeEach(async () => {
  vi.resetModules()
  vi.stubEnv('SITE_URL', 'https://shop.example')
  ;({ safeRedirectUrl } = await import('./draft-mode'))
})
afterEach(() => vi.unstubAllEnvs())

describe('safeRedirectUrl', () => {
  it('keeps a path on the site, with its query and hash', () => {
    expect(safeRedirectUrl('/articles/x?y=1#faq').href).toBe('https://shop.example/articles/x?y=1#faq')
  })

  // Each of these redirected to https://evil.com/ before: the browser drops tabs and newlines
  // and reads a backslash as a slash, turning `/\t/evil.com` into `//evil.com`.
  it.each([
    '/\t/evil.com',
    '/\n/evil.com',
    '/\r/evil.com',
    '/\t\\evil.com',
    '/\\evil.com',
    '//evil.com',
    'https://evil.com/',
    'javascript:alert(1)',
    ' /evil',
    '',
  ])('sends %j home', (value) => {
    expect(safeRedirectUrl(value).href).toBe('https://shop.example/')
  })

  it('never yields a protocol-relative location, even when the path starts with two slashes', () => {
    const url = safeRedirectUrl('/.//evil.com')
    expect(url.origin).toBe('https://shop.example')
    expect(url.href.startsWith('https://shop.example/')).toBe(true)
  })

  it('sends a missing value home', () => {
    expect(safeRedirectUrl(null).href).toBe('https://shop.example/')
  })
})

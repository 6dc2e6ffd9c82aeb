import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

let safeRedirectUrl: typeof import('./draft-mode').safeRedirectUrl
let withSafePreviewPath: typeof import('./draft-mode').withSafePreviewPath

beforeEach(async () => {
  vi.resetModules()
  vi.stubEnv('SITE_URL', 'https://shop.example')
  ;({ safeRedirectUrl, withSafePreviewPath } = await import('./draft-mode'))
})
afterEach(() => vi.unstubAllEnvs())

describe('safeRedirectUrl', () => {
  it('keeps a path on the site, with its query and hash', () => {
    expect(safeRedirectUrl('/articles/x?y=1#faq').href).toBe(
      'https://shop.example/articles/x?y=1#faq',
    )
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

describe('withSafePreviewPath', () => {
  const enable =
    'https://shop.example/api/draft-mode/enable?sanity-preview-secret=s&sanity-preview-perspective=drafts'
  const pathOf = (url: string) => new URL(url).searchParams.get('sanity-preview-pathname')

  it('keeps a page of the site, and the other parameters', () => {
    const url = withSafePreviewPath(
      `${enable}&sanity-preview-pathname=${encodeURIComponent('/articles/x?y=1')}`,
    )
    expect(pathOf(url)).toBe('/articles/x?y=1')
    expect(new URL(url).searchParams.get('sanity-preview-secret')).toBe('s')
  })

  it('leaves a URL without a page alone (next-sanity then opens the home page)', () => {
    expect(withSafePreviewPath(enable)).toBe(enable)
  })

  // @sanity/preview-url-secret resolves the page against a dummy origin and keeps only its path,
  // so `/.//evil.com` would come back as `//evil.com`: a redirect to another host.
  it.each(['//evil.com', '/.//evil.com/x', 'https://evil.com/', '/\\evil.com', '/\t/evil.com'])(
    'turns %j into a path on the site',
    (value) => {
      const safe = pathOf(
        withSafePreviewPath(`${enable}&sanity-preview-pathname=${encodeURIComponent(value)}`),
      )!
      expect(safe.startsWith('//')).toBe(false)
      expect(new URL(safe, 'https://shop.example').origin).toBe('https://shop.example')
    },
  )
})

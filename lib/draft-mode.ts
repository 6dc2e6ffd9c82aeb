import { config } from './env'
import { sameSecret } from './secrets'

export function isPreviewSecret(candidate: string | null) {
  return sameSecret(candidate, config().sanity.previewSecret)
}

/**
 * Where to send an editor after switching draft mode: a page of this site, or the home page.
 * The value is parsed against the site's origin and kept only when the origin is unchanged, and
 * control characters or backslashes (which browsers strip or read as slashes) are refused
 * outright. The answer is absolute, so a path like `//host` can never become protocol-relative.
 */
export function safeRedirectUrl(value: string | null): URL {
  const site = new URL(config().siteUrl)
  const home = new URL('/', site)
  if (!value || /[\u0000-\u001f\u007f\\]/.test(value) || !value.startsWith('/')) return home
  try {
    const url = new URL(value, site)
    return url.origin === site.origin ? url : home
  } catch {
    return home
  }
}

import { draftMode } from 'next/headers'
import { config } from './env'

/** Whether this request is an editor's preview (draft mode); false where there is no request (vitest, a background job). */
export async function isDraftMode() {
  try {
    return (await draftMode()).isEnabled
  } catch {
    return false
  }
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

const PREVIEW_PATH_PARAM = 'sanity-preview-pathname'

/**
 * The Presentation tool's preview URL with the page it asks for made safe: a path on this site
 * (see safeRedirectUrl), with leading slashes collapsed so `/.//host` cannot turn into a
 * protocol-relative `//host` once @sanity/preview-url-secret normalises it.
 */
export function withSafePreviewPath(previewUrl: string): string {
  const url = new URL(previewUrl)
  const requested = url.searchParams.get(PREVIEW_PATH_PARAM)
  if (requested === null) return previewUrl
  const target = safeRedirectUrl(requested)
  url.searchParams.set(
    PREVIEW_PATH_PARAM,
    `${target.pathname.replace(/^\/+/, '/')}${target.search}${target.hash}`,
  )
  return url.href
}

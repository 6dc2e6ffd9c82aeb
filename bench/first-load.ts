import { gzipSync } from 'node:zlib'

/**
 * First-load JS as a modern browser sees it: every same-origin script the page's HTML loads or
 * preloads (not `nomodule` polyfills, which such browsers skip), plus every chunk that the inline
 * RSC payload names for hydration, fetched and gzipped. The browser loads the payload's chunks
 * whether or not a tag names them too, so the figure does not depend on which ones the tags
 * happen to list. Next 16 no longer prints this figure at build time.
 */
export type FirstLoad = {
  url: string
  scripts: Array<{ path: string; gzipBytes: number }>
  gzipBytes: number
}

const TAGS = /<script\b[^>]*>|<link\b[^>]*>/gi

const PAYLOAD = /self\.__next_f\.push\((\[1,"(?:[^"\\]|\\.)*"\])\)/g
const CHUNK = /\/_next\/static\/[^"\s]+\.js/g

/** The script chunks named in the RSC payload that Next inlines in the HTML (`self.__next_f.push([1, "…"])`). */
function payloadChunks(html: string) {
  const payload = [...html.matchAll(PAYLOAD)]
    .map(([, push]) => (JSON.parse(push) as [number, string])[1])
    .join('')
  return new Set(payload.match(CHUNK) ?? [])
}

function scriptUrl(tag: string): string | null {
  if (/\bnomodule\b/i.test(tag)) return null
  if (tag.startsWith('<script')) return /\bsrc="([^"]+)"/.exec(tag)?.[1] ?? null
  const preloadsScript =
    /\brel="modulepreload"/i.test(tag) ||
    (/\brel="preload"/i.test(tag) && /\bas="script"/i.test(tag))
  return preloadsScript ? (/\bhref="([^"]+)"/.exec(tag)?.[1] ?? null) : null
}

export async function firstLoadJs(url: string): Promise<FirstLoad> {
  const res = await fetch(url)
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`)
  const html = await res.text()
  const origin = new URL(url).origin
  const scripts = new Set<string>()
  const add = (src: string) => {
    const absolute = new URL(src, url)
    if (absolute.origin === origin) scripts.add(absolute.href)
  }
  for (const [tag] of html.matchAll(TAGS)) {
    const src = scriptUrl(tag)
    if (src) add(src.replaceAll('&amp;', '&'))
  }
  for (const src of payloadChunks(html)) add(src)
  const sized: FirstLoad['scripts'] = []
  for (const src of scripts) {
    const script = await fetch(src)
    if (!script.ok) throw new Error(`GET ${src} answered ${script.status}`)
    sized.push({
      path: new URL(src).pathname,
      gzipBytes: gzipSync(Buffer.from(await script.arrayBuffer())).length,
    })
  }
  return { url, scripts: sized, gzipBytes: sized.reduce((sum, s) => sum + s.gzipBytes, 0) }
}

/** The scripts that make up the difference between two pages, largest first, as lines to print. */
export function jsDifference(page: FirstLoad, base: FirstLoad) {
  const paths = (f: FirstLoad) => new Set(f.scripts.map((s) => s.path))
  const only = (f: FirstLoad, other: FirstLoad) =>
    f.scripts.filter((s) => !paths(other).has(s.path)).sort((a, b) => b.gzipBytes - a.gzipBytes)
  const line = (sign: string) => (s: FirstLoad['scripts'][number]) =>
    `  ${sign}${(s.gzipBytes / 1000).toFixed(1)} kB ${s.path}`
  return [
    `first-load JS: ${page.url} loads ${only(page, base).length} scripts that ${base.url} does not, and lacks ${only(base, page).length} of its:`,
    ...only(page, base).map(line('+')),
    ...only(base, page).map(line('−')),
  ].join('\n')
}

/**
 * next/image loader: Sanity's image CDN resizes from URL parameters (the local lake
 * ignores them and serves the original), so no image passes through Next's optimiser.
 */
export default function sanityImageLoader({ src, width, quality }: { src: string; width: number; quality?: number }) {
  const url = new URL(src, 'http://relative.invalid')
  url.searchParams.set('w', String(width))
  url.searchParams.set('q', String(quality ?? 75))
  url.searchParams.set('auto', 'format')
  url.searchParams.set('fit', 'max')
  return url.origin === 'http://relative.invalid' ? `${url.pathname}${url.search}` : url.toString()
}

import { responsiveImage } from '@/lib/content/image'
import type { ImageData } from './types'

/**
 * A Sanity image as the editor cropped it, with its box's shape known before it loads (no layout
 * shift) and its alt text. A plain server-rendered `<img>`, not next/image: Sanity's CDN does the
 * resizing, and next/image is a client component that every image would hydrate. `aspect`
 * (width ÷ height) is for boxes of a fixed shape: the CDN then cuts the image around the hotspot.
 * `priority` is for the largest image in the first screen: fetched early and first (React
 * preloads an eager `<img>` from the document's head). `eager` is for the other images of the
 * first screen, fetched at once rather than after layout.
 */
export function SanityImage({
  image,
  sizes,
  className,
  priority = false,
  eager = priority,
  aspect,
}: {
  image: ImageData | null | undefined
  sizes: string
  className?: string
  priority?: boolean
  eager?: boolean
  aspect?: number
}) {
  const asset = image?.asset
  if (!image || !asset) return <div className={`bg-mist ${className ?? ''}`} aria-hidden="true" />
  const { src, srcSet, width, height } = responsiveImage(
    { crop: image.crop, hotspot: image.hotspot, asset },
    aspect,
  )
  return (
    // eslint-disable-next-line @next/next/no-img-element -- see above: no client component per image
    <img
      src={src}
      srcSet={srcSet}
      sizes={sizes}
      width={width}
      height={height}
      alt={image.alt ?? ''}
      className={className}
      loading={eager ? 'eager' : 'lazy'}
      fetchPriority={priority ? 'high' : undefined}
      decoding="async"
    />
  )
}

import Image from 'next/image'
import { imageUrl } from '@/lib/content/image'
import type { ImageData } from './types'

/** A Sanity image with its real dimensions (no layout shift) and its alt text. */
export function SanityImage({
  image,
  sizes,
  className,
  priority = false,
}: {
  image: ImageData | null | undefined
  sizes: string
  className?: string
  priority?: boolean
}) {
  if (!image?.asset) return <div className={`bg-mist ${className ?? ''}`} aria-hidden="true" />
  return (
    <Image
      src={imageUrl(image)}
      alt={image.alt ?? ''}
      width={image.asset.width ?? 800}
      height={image.asset.height ?? 800}
      sizes={sizes}
      className={className}
      priority={priority}
    />
  )
}

import { createImageUrlBuilder, type SanityImageSource } from '@sanity/image-url'
import { config } from '../env'

/**
 * Image URLs from Sanity image references. Real mode points at Sanity's image CDN; locally
 * at the Content Lake, which serves the same paths (it ignores resize parameters).
 */
export function imageUrl(source: SanityImageSource, width?: number) {
  const { sanity } = config()
  let builder = createImageUrlBuilder({
    projectId: sanity.projectId,
    dataset: sanity.dataset,
    baseUrl: sanity.imageBaseUrl,
  }).image(source)
  if (width) builder = builder.width(width)
  return builder.url()
}

import { createImageUrlBuilder, type SanityImageSource } from '@sanity/image-url'
import { config } from '../env'

/**
 * Image URLs from Sanity image references. Real mode points at Sanity's image CDN; locally
 * at the Content Lake, which serves the same paths (it ignores resize parameters).
 */
function builder(source: SanityImageSource) {
  const { sanity } = config()
  return createImageUrlBuilder({
    projectId: sanity.projectId,
    dataset: sanity.dataset,
    baseUrl: sanity.imageBaseUrl,
  }).image(source)
}

export function imageUrl(source: SanityImageSource, width?: number) {
  const image = builder(source)
  return (width ? image.width(width) : image).url()
}

/** The widths a srcset offers: thumbnails up to a wide screen. Each is a URL in the page twice (HTML and RSC payload), so few. */
const IMAGE_WIDTHS = [96, 160, 256, 384, 640, 960, 1280, 1920]

type Source = {
  crop?: unknown
  hotspot?: unknown
  asset: { _id: string; width?: number | null; height?: number | null }
}

export type ResponsiveImage = { src: string; srcSet: string; width: number; height: number }

/**
 * What an `<img>` needs to show `image` as the editor cropped it. Without `aspect`, the box takes
 * the crop's own shape; with one (width ÷ height), each URL asks the CDN for that shape, cut
 * around the editor's hotspot. @sanity/image-url does the crop and hotspot arithmetic: the crop's
 * size is read back from the `rect` it writes (none means the whole image).
 */
export function responsiveImage(image: Source, aspect?: number): ResponsiveImage {
  const base = builder(image as SanityImageSource)
  const rect = new URL(base.url()).searchParams.get('rect')?.split(',').map(Number)
  const [cropWidth, cropHeight] = rect
    ? [rect[2], rect[3]]
    : [image.asset.width ?? 0, image.asset.height ?? 0]
  const ratio = aspect ?? (cropWidth > 0 && cropHeight > 0 ? cropWidth / cropHeight : 1)
  // The CDN does not enlarge (fit=max), so wider candidates than the crop would only repeat it.
  const widths = IMAGE_WIDTHS.filter((w) => !cropWidth || w <= cropWidth)
  if (cropWidth && widths.at(-1) !== cropWidth && cropWidth < IMAGE_WIDTHS.at(-1)!)
    widths.push(cropWidth)
  const url = (w: number) => {
    const sized = aspect ? base.width(w).height(Math.round(w / aspect)) : base.width(w)
    return sized
      .quality(75)
      .auto('format')
      .fit(aspect ? 'crop' : 'max')
      .url()
  }
  const largest = widths.at(-1) ?? IMAGE_WIDTHS.at(-1)!
  return {
    src: url(Math.min(largest, 960)),
    srcSet: widths.map((w) => `${url(w)} ${w}w`).join(', '),
    width: cropWidth || largest,
    height: Math.round((cropWidth || largest) / ratio),
  }
}

import { SanityImage } from './SanityImage'
import type { ImageData } from './types'

/** The main image large, the rest as a strip below it. */
export function ProductGallery({ images }: { images: Array<ImageData & { _key: string }> }) {
  const [main, ...rest] = images
  return (
    <div className="space-y-3">
      <SanityImage
        image={main}
        sizes="(min-width: 768px) 50vw, 100vw"
        aspect={1}
        className="aspect-square w-full rounded-3xl bg-white object-cover"
        priority
      />
      {rest.length > 0 && (
        <ul className="grid grid-cols-4 gap-3">
          {rest.map((image) => (
            <li key={image._key}>
              <SanityImage
                image={image}
                sizes="25vw"
                aspect={1}
                className="aspect-square w-full rounded-xl bg-white object-cover"
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

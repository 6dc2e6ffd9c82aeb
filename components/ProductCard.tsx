import { clsx } from 'clsx'
import Link from 'next/link'
import { productSummary, stockState, totalAvailable } from '@/lib/catalog/stock'
import { withAvailability } from '@/lib/inventory/levels'
import { sellable } from '@/lib/catalog/sellable'
import { QuickAdd } from './cart/AddToCart'
import { formatMoney } from '@/lib/money'
import { storeSettings } from '@/lib/store-settings'
import { SanityImage } from './SanityImage'
import { StockBadge } from './StockBadge'
import { borderedCard, cardEyebrow, linkedCard, stretchedLink } from './styles'
import type { ProductCardData } from './types'

export function PriceFrom({ product }: { product: ProductCardData }) {
  const { fromPrice, currency, hasRange } = productSummary(product.variants)
  if (fromPrice === null) return null
  return (
    <span className="font-medium text-night" data-testid="card-price" data-cents={fromPrice}>
      {hasRange ? 'From ' : ''}
      {formatMoney(fromPrice, currency)}
    </span>
  )
}

/**
 * A product in a grid: the whole card links to the product page. With `sourceArticle`, the card
 * sells in place and credits that article. `image` says how its image loads.
 */
async function ProductCard({
  product,
  sourceArticle,
  headingLevel = 3,
  image,
}: {
  product: ProductCardData
  sourceArticle?: string
  headingLevel?: 2 | 3
  image: ImageLoading
}) {
  const Heading = `h${headingLevel}` as const
  const [variants, settings] = await Promise.all([withAvailability(product), storeSettings()])
  const stock = stockState(totalAvailable(variants), settings.lowStockThreshold)
  return (
    <article className={clsx(borderedCard, linkedCard)}>
      <SanityImage
        image={product.image}
        sizes="(min-width: 1024px) 25vw, 50vw"
        aspect={1}
        priority={image === 'first'}
        eager={image !== 'lazy'}
        className="aspect-square w-full bg-mist object-cover"
      />
      <div className="flex flex-1 flex-col gap-2 p-4">
        {product.category?.title && <p className={cardEyebrow}>{product.category.title}</p>}
        <Heading className="font-serif text-lg leading-snug text-night">
          <Link href={`/products/${product.slug}`} className={stretchedLink}>
            {product.title}
          </Link>
        </Heading>
        {product.tagline && <p className="text-sm text-night/70">{product.tagline}</p>}
        <div className="mt-auto flex items-center justify-between pt-2">
          <PriceFrom product={product} />
          <StockBadge state={stock} />
        </div>
        <QuickAdd
          productId={product._id}
          productTitle={product.title ?? ''}
          variants={sellable(variants)}
          sourceArticle={sourceArticle}
        />
      </div>
    </article>
  )
}

type ImageLoading = 'first' | 'eager' | 'lazy'

/** Cards in the grid's first row, at its widest (lg:grid-cols-4). */
const FIRST_ROW = 4

/**
 * Products in a grid of two columns, four on wide screens. `firstScreen`: the grid is what a
 * page opens on (the catalogue), so its first row loads at once and its first image is the
 * page's largest paint; elsewhere the images wait until they are scrolled near.
 */
export function ProductGrid({
  products,
  sourceArticle,
  headingLevel,
  firstScreen = false,
}: {
  products: ProductCardData[]
  sourceArticle?: string
  headingLevel?: 2 | 3
  firstScreen?: boolean
}) {
  const loading = (index: number): ImageLoading =>
    !firstScreen || index >= FIRST_ROW ? 'lazy' : index === 0 ? 'first' : 'eager'
  return (
    <ul className="grid grid-cols-2 gap-3 sm:gap-6 lg:grid-cols-4">
      {products.map((product, index) => (
        <li key={product._id} className="flex">
          <ProductCard
            product={product}
            sourceArticle={sourceArticle}
            headingLevel={headingLevel}
            image={loading(index)}
          />
        </li>
      ))}
    </ul>
  )
}

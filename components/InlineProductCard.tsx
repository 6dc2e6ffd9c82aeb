import { clsx } from 'clsx'
import { IntentLink } from './IntentLink'
import { stockState, totalAvailable } from '@/lib/catalog/stock'
import { withAvailability } from '@/lib/inventory/levels'
import { sellable } from '@/lib/catalog/sellable'
import { storeSettings } from '@/lib/store-settings'
import { QuickAdd } from './cart/AddToCart'
import { PriceFrom } from './ProductCard'
import { SanityImage } from './SanityImage'
import { StockBadge } from './StockBadge'
import { cardEyebrow, stretchedLink } from './styles'
import type { ProductCardData } from './types'

/** A product recommended at this point of an article: image, price and stock, linking to the product. */
export async function InlineProductCard({
  product,
  note,
  sourceArticle,
  edit = {},
}: {
  product: ProductCardData
  note?: string | null
  sourceArticle: string
  /** In a preview: where this card sits in the article, for the Presentation tool's overlay. */
  edit?: { 'data-sanity'?: string }
}) {
  const [variants, settings] = await Promise.all([withAvailability(product), storeSettings()])
  const stock = stockState(totalAvailable(variants), settings.lowStockThreshold)
  return (
    <aside
      {...edit}
      aria-label={`Recommended product: ${product.title}`}
      data-testid="inline-product-card"
      className={clsx(
        'not-prose relative my-8 flex items-center gap-4 p-4 sm:gap-6 sm:p-5',
        'rounded-2xl border border-indigo/20 bg-lavender/15',
      )}
    >
      <SanityImage
        image={product.image}
        sizes="112px"
        aspect={1}
        className="h-24 w-24 shrink-0 rounded-xl bg-white object-cover sm:h-28 sm:w-28"
      />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className={cardEyebrow}>Our pick</p>
        <p className="font-serif text-lg leading-snug text-night">
          <IntentLink href={`/products/${product.slug}`} className={stretchedLink}>
            {product.title}
          </IntentLink>
        </p>
        {note && <p className="text-sm text-night/70">{note}</p>}
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <PriceFrom product={product} />
          <StockBadge state={stock} />
        </div>
        <div className="mt-2">
          <QuickAdd
            productId={product._id}
            productTitle={product.title ?? ''}
            variants={sellable(variants)}
            sourceArticle={sourceArticle}
          />
        </div>
      </div>
    </aside>
  )
}

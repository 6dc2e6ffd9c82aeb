import { ImageResponse } from 'next/og'
import { SHARE_CARD_SIZE, ShareCard } from '@/components/ShareCard'
import { productSummary } from '@/lib/catalog/stock'
import { productBySlug } from '@/lib/content/by-slug'
import { formatMoney } from '@/lib/money'

export const size = SHARE_CARD_SIZE
export const contentType = 'image/png'
export const alt = 'Restwell product'

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const product = await productBySlug((await params).slug)
  const { fromPrice, currency } = productSummary(product?.variants)
  const price = fromPrice === null ? null : `From ${formatMoney(fromPrice, currency)}`
  return new ImageResponse(
    <ShareCard
      eyebrow={product?.category?.title ?? 'Shop'}
      title={product?.title ?? 'Restwell'}
      subtitle={[price, product?.tagline].filter(Boolean).join(' · ')}
    />,
    size,
  )
}

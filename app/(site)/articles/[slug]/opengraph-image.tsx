import { ImageResponse } from 'next/og'
import { SHARE_CARD_SIZE, ShareCard } from '@/components/ShareCard'
import { articleBySlug } from '@/lib/content/by-slug'

export const size = SHARE_CARD_SIZE
export const contentType = 'image/png'
export const alt = 'Restwell sleep guide'

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const article = await articleBySlug((await params).slug)
  return new ImageResponse(
    <ShareCard
      eyebrow="Sleep guide"
      title={article?.title ?? 'Restwell'}
      subtitle={article?.excerpt}
    />,
    size,
  )
}

import { clsx } from 'clsx'
import Link from 'next/link'
import { SanityImage } from './SanityImage'
import { FormattedDate } from './FormattedDate'
import { card, linkedCard, stretchedLink } from './styles'
import type { ArticleCardData } from './types'

/**
 * `headingLevel` keeps the outline intact: 2 when the list sits right under the page's h1.
 * `priority`: the card is the first thing a page opens on, so its image is the largest paint.
 */
export function ArticleCard({
  article,
  headingLevel = 3,
  priority = false,
}: {
  article: ArticleCardData
  headingLevel?: 2 | 3
  priority?: boolean
}) {
  const Heading = `h${headingLevel}` as const
  return (
    <article className={clsx(card, linkedCard)}>
      <SanityImage
        image={article.heroImage}
        sizes="(min-width: 1024px) 33vw, (min-width: 640px) 50vw, 100vw"
        aspect={16 / 9}
        priority={priority}
        className="aspect-[16/9] w-full object-cover"
      />
      <div className="flex flex-1 flex-col gap-2 p-5">
        <Heading className="font-serif text-xl leading-snug text-night">
          <Link href={`/articles/${article.slug}`} className={stretchedLink}>
            {article.title}
          </Link>
        </Heading>
        {article.excerpt && <p className="line-clamp-3 text-sm text-night/70">{article.excerpt}</p>}
        <p className="mt-auto pt-2 text-xs text-night/75">
          {article.author?.name}
          {article.author?.name && article.publishedAt ? ' · ' : ''}
          {article.publishedAt && <FormattedDate iso={article.updatedAt ?? article.publishedAt} />}
        </p>
      </div>
    </article>
  )
}

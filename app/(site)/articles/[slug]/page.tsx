import { clsx } from 'clsx'
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ArticleBody } from '@/components/ArticleBody'
import { FaqSection } from '@/components/FaqSection'
import { FormattedDate } from '@/components/FormattedDate'
import { ProductGrid } from '@/components/ProductCard'
import { JsonLd } from '@/components/JsonLd'
import { SanityImage } from '@/components/SanityImage'
import { eyebrow, pageColumn, panel } from '@/components/styles'
import { editAttributes } from '@/lib/content/edit-attributes'
import { config } from '@/lib/env'
import { articleJsonLd, breadcrumbJsonLd, faqJsonLd } from '@/lib/seo/json-ld'
import { articleBySlug } from '@/lib/content/by-slug'

/** Cached for everyone; a publish or a stock change expires it at once, and this is the backstop. */
export const revalidate = 60

/** Rendered on first request, then kept (none at build time: the build needs no content). */
export const generateStaticParams = () => []

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await articleBySlug((await params).slug)
  if (!article) return {}
  const title = article.seo?.title ?? article.title ?? undefined
  const description = article.seo?.description ?? article.excerpt ?? undefined
  return {
    title,
    description,
    alternates: { canonical: `/articles/${article.slug}` },
    openGraph: {
      type: 'article',
      title,
      description,
      url: `/articles/${article.slug}`,
      publishedTime: article.publishedAt ?? undefined,
      modifiedTime: article.updatedAt ?? undefined,
      authors: article.author?.name ? [article.author.name] : undefined,
    },
    twitter: { card: 'summary_large_image', title, description },
  }
}

export default async function ArticlePage({ params }: Props) {
  const article = await articleBySlug((await params).slug)
  if (!article) notFound()
  const products = article.products?.filter((p) => p !== null) ?? []
  const edit = await editAttributes({ _id: article._id, _type: 'article' })
  const site = config().siteUrl
  const url = `${site}/articles/${article.slug}`

  return (
    <article className="pb-8">
      <JsonLd data={articleJsonLd(article, url)} />
      <JsonLd data={faqJsonLd(article.faq)} />
      <JsonLd
        data={breadcrumbJsonLd([
          { name: 'Home', url: site },
          { name: 'Sleep guides', url: `${site}/articles` },
          { name: article.title ?? '', url },
        ])}
      />
      <header className="mx-auto max-w-3xl px-4 pt-12 sm:px-6">
        <p className={eyebrow}>Sleep guide</p>
        <h1
          {...edit('title')}
          className="mt-3 font-serif text-4xl leading-tight text-night sm:text-5xl"
        >
          {article.title}
        </h1>
        {article.excerpt && (
          <p {...edit('excerpt')} className="mt-4 text-lg text-night/75">
            {article.excerpt}
          </p>
        )}
        <div className="mt-6 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-night/70">
          {article.author?.name && (
            <span>
              By <span className="font-medium text-night">{article.author.name}</span>
              {article.author.role && <span>, {article.author.role}</span>}
            </span>
          )}
          {article.updatedAt ? (
            <span data-testid="updated">
              Updated <FormattedDate iso={article.updatedAt} />
            </span>
          ) : (
            article.publishedAt && <FormattedDate iso={article.publishedAt} />
          )}
        </div>
      </header>

      <div className="mx-auto mt-8 max-w-4xl px-4 sm:px-6">
        <SanityImage
          image={article.heroImage}
          sizes="(min-width: 896px) 896px, 100vw"
          className="w-full rounded-3xl"
          priority
        />
      </div>

      <div className="mx-auto max-w-3xl px-4 sm:px-6">
        <ArticleBody body={article.body} articleId={article._id} edit={edit} />
        <FaqSection faq={article.faq} edit={edit} />
        {article.author?.bio && (
          <section aria-label="About the author" className={clsx('mt-16 flex gap-4', panel)}>
            <SanityImage
              image={article.author.image}
              sizes="64px"
              aspect={1}
              className="h-16 w-16 shrink-0 rounded-full object-cover"
            />
            <div>
              <p className="font-medium text-night">{article.author.name}</p>
              <p className="mt-1 text-sm text-night/70">{article.author.bio}</p>
            </div>
          </section>
        )}
      </div>

      {products.length > 0 && (
        <section aria-labelledby="shop-heading" className={clsx(pageColumn, 'mt-16')}>
          <h2 id="shop-heading" className="font-serif text-3xl text-night">
            Shop this article
          </h2>
          <div className="mt-6">
            <ProductGrid products={products} sourceArticle={article._id} />
          </div>
        </section>
      )}
    </article>
  )
}

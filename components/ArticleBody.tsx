import {
  PortableText,
  type PortableTextBlockComponent,
  type PortableTextComponents,
} from '@portabletext/react'
import { IntentLink } from './IntentLink'
import type { EditAttributes } from '@/lib/content/edit-attributes'
import { InlineProductCard } from './InlineProductCard'
import { SanityImage } from './SanityImage'
import type { Article, ImageData, ProductCardData } from './types'

type ProductCardBlock = {
  _key: string
  _type: 'productCard'
  note?: string | null
  product: ProductCardData | null
}

/**
 * Portable Text renderers; product cards credit the article they sit in. In a preview each block
 * names its place in the body, so clicking it in the Presentation tool opens it in the editor.
 */
const componentsFor = (articleId: string, edit: EditAttributes): PortableTextComponents => {
  const block = (key: string | undefined) => (key ? edit(`body[_key=="${key}"]`) : {})
  const styled = (
    Tag: 'h2' | 'h3' | 'blockquote' | 'p',
    className: string,
  ): PortableTextBlockComponent =>
    function Block({ children, value }) {
      return (
        <Tag {...block(value._key)} className={className}>
          {children}
        </Tag>
      )
    }
  return {
    block: {
      h2: styled('h2', 'mt-12 font-serif text-2xl text-night sm:text-3xl'),
      h3: styled('h3', 'mt-8 font-serif text-xl text-night'),
      blockquote: styled('blockquote', 'border-l-4 border-lavender pl-4 text-night/80 italic'),
      normal: styled('p', 'mt-5 leading-relaxed'),
    },
    list: {
      bullet: ({ children }) => <ul className="mt-5 list-disc space-y-3 pl-6">{children}</ul>,
      number: ({ children }) => <ol className="mt-5 list-decimal space-y-3 pl-6">{children}</ol>,
    },
    listItem: ({ children, value }) => <li {...block(value._key)}>{children}</li>,
    marks: {
      link: ({ value, children }) => {
        const href = String(value?.href ?? '')
        if (href.startsWith('/') && !href.startsWith('//'))
          return (
            <IntentLink href={href} className="text-indigo underline underline-offset-2">
              {children}
            </IntentLink>
          )
        // Only web and mail links: a `javascript:` or `data:` address stays text (the API does not
        // enforce the Studio's URL validation).
        if (!/^(https?:|mailto:)/i.test(href)) return <>{children}</>
        return (
          <a
            href={href}
            rel="noopener noreferrer"
            className="text-indigo underline underline-offset-2"
          >
            {children}
          </a>
        )
      },
    },
    types: {
      image: ({ value }: { value: ImageData & { _key?: string } }) => (
        <figure {...block(value._key)} className="my-8">
          <SanityImage
            image={value}
            sizes="(min-width: 768px) 720px, 100vw"
            className="w-full rounded-2xl"
          />
        </figure>
      ),
      productCard: ({ value }: { value: ProductCardBlock }) =>
        // A card whose product was deleted renders nothing rather than a broken link.
        value.product ? (
          <InlineProductCard
            product={value.product}
            note={value.note}
            sourceArticle={articleId}
            edit={block(value._key)}
          />
        ) : null,
    },
  }
}

export function ArticleBody({
  body,
  articleId,
  edit,
}: {
  body: Article['body']
  articleId: string
  edit: EditAttributes
}) {
  return (
    <div className="text-[1.0625rem] text-night/90">
      <PortableText value={body ?? []} components={componentsFor(articleId, edit)} />
    </div>
  )
}

import type {
  ARTICLES_QUERY_RESULT,
  ARTICLE_QUERY_RESULT,
  PRODUCTS_QUERY_RESULT,
} from '@/sanity/types'

/** Shapes the UI renders, derived from the generated query result types (never hand-written). */
/** The listing-only sort keys (featured, createdAt) are not part of a card. */
export type ProductCardData = Omit<PRODUCTS_QUERY_RESULT[number], 'featured' | 'createdAt'>
export type ArticleCardData = ARTICLES_QUERY_RESULT[number]
export type ImageData = NonNullable<ArticleCardData['heroImage']>
export type Article = NonNullable<ARTICLE_QUERY_RESULT>

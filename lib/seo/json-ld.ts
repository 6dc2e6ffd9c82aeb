import type { ARTICLE_QUERY_RESULT, PRODUCT_QUERY_RESULT } from '@/sanity/types'
import { isSoldOut } from '../catalog/stock'
import { imageUrl } from '../content/image'

/** schema.org objects for search engines, built from the same content the page renders. */
type Article = NonNullable<ARTICLE_QUERY_RESULT>
type ContentProduct = NonNullable<PRODUCT_QUERY_RESULT>
/** Stock is not content: the page adds each variant's availability (lib/inventory). */
type Product = Omit<ContentProduct, 'variants'> & {
  variants: Array<NonNullable<ContentProduct['variants']>[number] & { available: number | null }>
}

const ORGANIZATION = { '@type': 'Organization', name: 'Restwell' }

export function articleJsonLd(article: Article, url: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: article.title,
    description: article.seo?.description ?? article.excerpt,
    mainEntityOfPage: url,
    datePublished: article.publishedAt,
    dateModified: article.updatedAt ?? article.publishedAt,
    author: article.author?.name
      ? { '@type': 'Person', name: article.author.name, jobTitle: article.author.role ?? undefined }
      : undefined,
    publisher: ORGANIZATION,
    image: article.heroImage?.asset ? [imageUrl(article.heroImage, 1200)] : undefined,
  }
}

export function faqJsonLd(faq: Article['faq']) {
  if (!faq?.length) return null
  return {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    mainEntity: faq.map((item) => ({
      '@type': 'Question',
      name: item.question,
      acceptedAnswer: { '@type': 'Answer', text: item.answer },
    })),
  }
}

export function productJsonLd(product: Product, url: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.title,
    description: product.description ?? product.tagline,
    url,
    image: (product.images ?? []).flatMap((image) => (image.asset ? [imageUrl(image, 1200)] : [])),
    brand: { '@type': 'Brand', name: 'Restwell' },
    category: product.category?.title ?? undefined,
    offers: (product.variants ?? []).map((variant) => ({
      '@type': 'Offer',
      sku: variant.sku,
      name: variant.title,
      price: ((variant.priceCents ?? 0) / 100).toFixed(2),
      priceCurrency: (variant.currency ?? 'usd').toUpperCase(),
      availability: isSoldOut(variant)
        ? 'https://schema.org/OutOfStock'
        : 'https://schema.org/InStock',
      url,
    })),
  }
}

export function breadcrumbJsonLd(items: Array<{ name: string; url: string }>) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: item.name,
      item: item.url,
    })),
  }
}

import { clsx } from 'clsx'
import type { Metadata } from 'next'
import { IntentLink } from '@/components/IntentLink'
import { notFound } from 'next/navigation'
import { ArticleCard } from '@/components/ArticleCard'
import { JsonLd } from '@/components/JsonLd'
import { pageColumn } from '@/components/styles'
import { editAttributes } from '@/lib/content/edit-attributes'
import { config } from '@/lib/env'
import { breadcrumbJsonLd, productJsonLd } from '@/lib/seo/json-ld'
import { ProductGallery } from '@/components/ProductGallery'
import { VariantPicker } from '@/components/VariantPicker'
import { withAvailability } from '@/lib/inventory/levels'
import { productBySlug } from '@/lib/content/by-slug'
import { storeSettings } from '@/lib/store-settings'
import { sellable } from '@/lib/catalog/sellable'

/** Cached for everyone; a publish or a stock change expires it at once, and this is the backstop. */
export const revalidate = 60

/** Rendered on first request, then kept (none at build time: the build needs no content). */
export const generateStaticParams = () => []

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await productBySlug((await params).slug)
  if (!product) return {}
  const title = product.title ?? undefined
  const description = product.tagline ?? product.description?.slice(0, 160) ?? undefined
  return {
    title,
    description,
    alternates: { canonical: `/products/${product.slug}` },
    openGraph: { type: 'website', title, description, url: `/products/${product.slug}` },
    twitter: { card: 'summary_large_image', title, description },
  }
}

export default async function ProductPage({ params }: Props) {
  const [product, settings] = await Promise.all([
    params.then(({ slug }) => productBySlug(slug)),
    storeSettings(),
  ])
  if (!product) notFound()
  const [variants, edit] = await Promise.all([
    withAvailability(product),
    editAttributes({ _id: product._id, _type: 'product' }),
  ])
  const site = config().siteUrl
  const url = `${site}/products/${product.slug}`
  const crumbs = [
    { name: 'Shop', url: `${site}/products` },
    ...(product.category?.slug
      ? [
          {
            name: product.category.title ?? '',
            url: `${site}/products?category=${product.category.slug}`,
          },
        ]
      : []),
    { name: product.title ?? '', url },
  ]

  return (
    <div className={clsx(pageColumn, 'py-10')}>
      <JsonLd data={productJsonLd({ ...product, variants }, url)} />
      <JsonLd data={breadcrumbJsonLd(crumbs)} />
      <nav aria-label="Breadcrumb" className="text-sm text-night/75">
        <ol className="flex flex-wrap gap-2">
          <li>
            <IntentLink href="/products" className="hover:text-night">
              Shop
            </IntentLink>{' '}
            /
          </li>
          {product.category?.slug && (
            <li>
              <IntentLink
                href={`/products?category=${product.category.slug}`}
                className="hover:text-night"
              >
                {product.category.title}
              </IntentLink>{' '}
              /
            </li>
          )}
          <li aria-current="page" className="text-night">
            {product.title}
          </li>
        </ol>
      </nav>

      <div className="mt-6 grid gap-10 md:grid-cols-2">
        <ProductGallery images={product.images ?? []} />
        <div>
          <h1 {...edit('title')} className="font-serif text-4xl leading-tight text-night">
            {product.title}
          </h1>
          {product.tagline && (
            <p {...edit('tagline')} className="mt-3 text-lg text-night/75">
              {product.tagline}
            </p>
          )}
          {product.badges && product.badges.length > 0 && (
            <ul className="mt-4 flex flex-wrap gap-2">
              {product.badges.map((badge) => (
                <li
                  key={badge}
                  className="rounded-full bg-lavender/30 px-3 py-1 text-xs font-medium text-night"
                >
                  {badge}
                </li>
              ))}
            </ul>
          )}
          <div className="mt-6">
            <VariantPicker
              productId={product._id}
              variants={sellable(variants)}
              lowStockThreshold={settings.lowStockThreshold}
            />
          </div>
          {product.description && (
            <p
              {...edit('description')}
              className="mt-8 leading-relaxed whitespace-pre-line text-night/85"
            >
              {product.description}
            </p>
          )}
        </div>
      </div>

      {product.featuredIn.length > 0 && (
        <section aria-labelledby="featured-heading" className="mt-16">
          <h2 id="featured-heading" className="font-serif text-3xl text-night">
            Featured in
          </h2>
          <ul className="mt-6 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
            {product.featuredIn.map((article) => (
              <li key={article._id} className="flex">
                <ArticleCard article={article} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}

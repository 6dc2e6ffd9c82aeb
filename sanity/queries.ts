/**
 * Every GROQ query the site runs. Result types are generated from the schema by
 * `npm run typegen` into ./types.ts; never write them by hand.
 */
import { defineQuery } from 'groq'

const IMAGE = /* groq */ `{ alt, crop, hotspot, asset->{ _id, "width": metadata.dimensions.width, "height": metadata.dimensions.height } }`

/** Stock is not content: lib/inventory adds `available` from PostgreSQL. */
const VARIANT = /* groq */ `{ _key, title, sku, priceCents, currency }`

const PRODUCT_CARD = /* groq */ `{
  _id,
  title,
  "slug": slug.current,
  tagline,
  badges,
  "image": images[0]${IMAGE},
  "category": category->{ title, "slug": slug.current },
  "variants": variants[]${VARIANT}
}`

const ARTICLE_CARD = /* groq */ `{
  _id,
  title,
  "slug": slug.current,
  excerpt,
  publishedAt,
  updatedAt,
  "heroImage": heroImage${IMAGE},
  "author": author->{ name }
}`

export const HOME_QUERY = defineQuery(`{
  "featured": *[_type == "article" && defined(slug.current)] | order(publishedAt asc)[0]${ARTICLE_CARD},
  "articles": *[_type == "article" && defined(slug.current)] | order(publishedAt desc)[0...4]${ARTICLE_CARD},
  "categories": *[_type == "category"] | order(sortOrder asc) {
    _id, title, "slug": slug.current, description,
    "productCount": count(*[_type == "product" && references(^._id)])
  },
  "bestsellers": *[_type == "product" && featured == true] | order(title asc)[0...4]${PRODUCT_CARD}
}`)

export const ARTICLES_QUERY = defineQuery(
  `*[_type == "article" && defined(slug.current)] | order(publishedAt desc)${ARTICLE_CARD}`,
)

export const ARTICLE_QUERY = defineQuery(`*[_type == "article" && slug.current == $slug][0]{
  _id,
  title,
  "slug": slug.current,
  excerpt,
  publishedAt,
  updatedAt,
  seo,
  "heroImage": heroImage${IMAGE},
  "author": author->{ name, role, bio, "image": image${IMAGE} },
  body[]{
    ...,
    _type == "image" => ${IMAGE},
    _type == "productCard" => { _key, _type, note, "product": product->${PRODUCT_CARD} }
  },
  faq[]{ _key, question, answer },
  "products": products[]->${PRODUCT_CARD}
}`)

/** The catalogue; sorting and the in-stock filter happen in lib/catalog/listing.ts. */
export const PRODUCTS_QUERY =
  defineQuery(`*[_type == "product" && defined(slug.current) && (!defined($category) || category->slug.current == $category)]
  | order(featured desc, title asc){ ...${PRODUCT_CARD}, "featured": coalesce(featured, false), "createdAt": _createdAt }`)

/** The categories in menu order: the catalogue's links, and the slugs its `?category=` may name. */
export const CATEGORIES_QUERY = defineQuery(
  `*[_type == "category"] | order(sortOrder asc) { _id, title, "slug": slug.current }`,
)

export const PRODUCT_QUERY = defineQuery(`*[_type == "product" && slug.current == $slug][0]{
  _id,
  title,
  "slug": slug.current,
  tagline,
  description,
  badges,
  "images": images[]{ _key, ...${IMAGE} },
  "category": category->{ title, "slug": slug.current },
  "variants": variants[]${VARIANT},
  "featuredIn": *[_type == "article" && references(^._id)] | order(publishedAt desc)${ARTICLE_CARD}
}`)

/** Products in a cart, read fresh: prices and stock are always recomputed on the server. */
export const CART_PRODUCTS_QUERY = defineQuery(`*[_type == "product" && _id in $ids]{
  _id,
  _rev,
  title,
  "slug": slug.current,
  "image": images[0]${IMAGE},
  "variants": variants[]${VARIANT},
  taxCode
}`)

/** What the lake's order mirror says now: a mirror already current is not written again. */
export const ORDER_MIRROR_STATE_QUERY = defineQuery(
  `*[_type == "order" && _id == $id][0]{ status, recordedAt }`,
)

/** Units sold and revenue per article, from the attribution on paid order lines. */
export const REVENUE_BY_ARTICLE_QUERY = defineQuery(`*[_type == "article"]{
  _id,
  title,
  "slug": slug.current,
  "lines": *[_type == "order" && status == "paid" && references(^._id)].lines[]
}{
  _id,
  title,
  slug,
  "units": math::sum(lines[article._ref == ^._id].quantity),
  "revenue": math::sum(lines[article._ref == ^._id].amount)
} | order(revenue desc)`)

/** A published product's variants: what the Studio's stock view lists, and what a stock change may name. */
export const PRODUCT_VARIANTS_QUERY = defineQuery(
  `*[_type == "product" && _id == $id][0]{ _id, title, "variants": variants[]{ _key, title, sku } }`,
)

export const ARTICLE_EXISTS_QUERY = defineQuery(`count(*[_type == "article" && _id == $id]) > 0`)

/** Every published slug, in one answer: a page for any other slug asks nothing more (lib/content/by-slug.ts). */
export const SLUGS_QUERY = defineQuery(`{
  "articles": *[_type == "article" && defined(slug.current)].slug.current,
  "products": *[_type == "product" && defined(slug.current)].slug.current
}`)

/** Everything with a public URL, for the sitemap and the feed. */
export const SITEMAP_QUERY = defineQuery(`{
  "articles": *[_type == "article" && defined(slug.current)] | order(publishedAt desc){ "slug": slug.current, title, excerpt, publishedAt, updatedAt, _updatedAt, "author": author->name },
  "products": *[_type == "product" && defined(slug.current)]{ "slug": slug.current, _updatedAt }
}`)

/**
 * Site search over articles and products, best matches first. `$q` is the visitor's words;
 * the last one matches as a prefix so results appear while a word is incomplete.
 */
export const SEARCH_QUERY =
  defineQuery(`*[_type in ["article", "product"] && defined(slug.current) && [title, excerpt, tagline, description, pt::text(body)] match $terms]
  | score(boost(title match $terms, 4), boost(excerpt match $terms, 2), boost(tagline match $terms, 2), pt::text(body) match $terms, description match $terms)
  | order(_score desc, title asc)[0...24]{
  _id,
  _type,
  title,
  "slug": slug.current,
  "snippet": coalesce(excerpt, tagline, description),
  "image": coalesce(heroImage, images[0]){ alt, crop, hotspot, asset->{ _id, "width": metadata.dimensions.width, "height": metadata.dimensions.height } }
}`)

/** The store's settings: shipping rates and the low-stock threshold. */
export const STORE_SETTINGS_QUERY =
  defineQuery(`*[_type == "storeSettings" && _id == "storeSettings"][0]{
  lowStockThreshold,
  shippingRates[]{ _key, title, amountCents, freeFromCents, minDays, maxDays }
}`)

/** A published promotion's rules by its code (its uses are counted in PostgreSQL). */
export const PROMOTION_BY_CODE_QUERY =
  defineQuery(`*[_type == "promotion" && code == $code && !(_id in path("drafts.**"))][0]{
  _id, code, active, discountType, percentOff, amountOffCents, minSubtotalCents, startsAt, endsAt, maxRedemptions
}`)

/**
 * What pages cache, in one line: the newest change and how many documents there are (a delete
 * changes the count). lib/content/live/server-content-version.ts compares it to catch a publish
 * whose webhook was lost.
 */
export const CONTENT_FINGERPRINT_QUERY = defineQuery(`{
  "latest": *[_type in ["article", "author", "category", "product", "storeSettings"]] | order(_updatedAt desc)[0]._updatedAt,
  "count": count(*[_type in ["article", "author", "category", "product", "storeSettings"]])
}`)

import { defineQuery } from 'groq'

/**
 * Every GROQ query the site runs. Result types are generated from the schema by
 * `npm run typegen` into ./types.ts; never write them by hand.
 */

const IMAGE = /* groq */ `{ alt, crop, hotspot, asset->{ _id, "width": metadata.dimensions.width, "height": metadata.dimensions.height } }`

const VARIANT = /* groq */ `{ _key, title, sku, priceCents, currency, "available": stock - coalesce(reserved, 0) }`

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

export const ARTICLE_SLUGS_QUERY = defineQuery(`*[_type == "article" && defined(slug.current)].slug.current`)

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

export const PRODUCTS_QUERY = defineQuery(`{
  "products": *[_type == "product" && defined(slug.current) && (!defined($category) || category->slug.current == $category)]
    | order(featured desc, title asc)${PRODUCT_CARD},
  "categories": *[_type == "category"] | order(sortOrder asc) { _id, title, "slug": slug.current }
}`)

export const PRODUCT_SLUGS_QUERY = defineQuery(`*[_type == "product" && defined(slug.current)].slug.current`)

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

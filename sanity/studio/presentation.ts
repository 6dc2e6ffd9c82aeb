import { defineDocuments, defineLocations, presentationTool, type DocumentLocationResolvers } from 'sanity/presentation'

/** Where each editable type appears on the site: the Presentation tool lists these, and opens the first. */
const locations: DocumentLocationResolvers = {
  article: defineLocations({
    select: { title: 'title', slug: 'slug.current' },
    resolve: (doc) =>
      doc?.slug
        ? {
            locations: [
              { title: doc.title ?? 'Untitled', href: `/articles/${doc.slug}` },
              { title: 'Sleep guides', href: '/articles' },
            ],
          }
        : null,
  }),
  product: defineLocations({
    select: { title: 'title', slug: 'slug.current' },
    resolve: (doc) =>
      doc?.slug
        ? {
            locations: [
              { title: doc.title ?? 'Untitled', href: `/products/${doc.slug}` },
              { title: 'Shop', href: '/products' },
            ],
          }
        : null,
  }),
}

/** Which document a page of the site is about, so opening a page in the frame opens its document beside it. */
const mainDocuments = defineDocuments([
  { route: '/articles/:slug', filter: '_type == "article" && slug.current == $slug' },
  { route: '/products/:slug', filter: '_type == "product" && slug.current == $slug' },
])

/**
 * The site inside the Studio, with click-to-edit overlays. The site and the Studio share one
 * origin (the Studio is embedded at /studio), so the preview's URLs are paths. The frame starts
 * through /api/draft-mode/enable, which checks the secret the Studio has just written.
 */
export const presentation = () =>
  presentationTool({
    previewUrl: { initial: '/', previewMode: { enable: '/api/draft-mode/enable' } },
    resolve: { locations, mainDocuments },
  })

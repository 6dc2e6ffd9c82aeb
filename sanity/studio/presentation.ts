import {
  defineDocuments,
  defineLocations,
  presentationTool,
  type DocumentLocationResolvers,
} from 'sanity/presentation'

/** A document with a slug appears on its own page and on the listing of its kind. */
const pageWithListing = (path: string, listing: { title: string; href: string }) =>
  defineLocations({
    select: { title: 'title', slug: 'slug.current' },
    resolve: (doc) =>
      doc?.slug
        ? { locations: [{ title: doc.title ?? 'Untitled', href: `${path}/${doc.slug}` }, listing] }
        : null,
  })

/** Where each editable type appears on the site: the Presentation tool lists these, and opens the first. */
const locations: DocumentLocationResolvers = {
  article: pageWithListing('/articles', { title: 'Sleep guides', href: '/articles' }),
  product: pageWithListing('/products', { title: 'Shop', href: '/products' }),
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

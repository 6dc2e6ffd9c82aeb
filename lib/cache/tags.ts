/**
 * The cache tags the store sets and expires itself (Next adds the path tags, and next-sanity a
 * tag per sync tag of each content answer).
 */

/** On every content fetch, so on every page that shows content: a content webhook expires it. */
export const CONTENT_TAG = 'content'

/**
 * On every page that shows this product's stock; PostgreSQL expires it, and ANY_STOCK_TAG, with
 * each change (migrations 0011 and 0012). A page that shows more products than Next keeps tags for (a long
 * listing) carries ANY_STOCK_TAG instead.
 */
const stockTag = (productId: string) => `stock:${productId}`
const ANY_STOCK_TAG = 'stock:*'
const MAX_STOCK_TAGS = 64

export const stockTags = (productIds: readonly string[]) =>
  productIds.length <= MAX_STOCK_TAGS ? productIds.map(stockTag) : [ANY_STOCK_TAG]

import type { QueryParams } from '@sanity/client'
import { readClient } from './client'

/**
 * Fetches published content through Next's data cache, tagged so `/api/revalidate`
 * can refresh exactly the pages that used a changed document.
 */
export function sanityFetch<const Q extends string>({
  query,
  params = {},
  tags,
}: {
  query: Q
  params?: QueryParams
  tags: string[]
}) {
  return readClient().fetch(query, params, { cache: 'force-cache', next: { tags } })
}

/** Cache tags: one per document type, one per document. */
export const tags = {
  type: (type: string) => `type:${type}`,
  doc: (id: string) => `doc:${id}`,
}

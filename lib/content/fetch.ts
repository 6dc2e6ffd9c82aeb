import type { QueryParams } from '@sanity/client'
import { readClient } from './client'
import { isDraftMode, previewPerspective } from '../draft-mode'
import { config } from '../env'
import { currentContentVersions, versionTag } from './versions'

/**
 * Fetches content through Next's data cache, tagged so `/api/revalidate` can refresh exactly
 * the pages that used a changed document, and keyed by the content versions in PostgreSQL so a
 * publish reaches every instance (versions.ts). In draft mode (an editor previewing) it reads, uncached,
 * the perspective the editor picked (drafts unless the Presentation tool says published); the
 * public site only ever sees published content.
 */
export async function sanityFetch<const Q extends string>({
  query,
  params = {},
  tags,
}: {
  query: Q
  params?: QueryParams
  tags: string[]
}) {
  if (await isDraftMode()) {
    return readClient()
      .withConfig({ useCdn: false, token: config().sanity.readToken, perspective: await previewPerspective() })
      .fetch(query, params, { cache: 'no-store' })
  }
  const versions = await currentContentVersions()
  // Without the versions this instance cannot tell whether its cache is current: read through.
  if (!versions) return readClient().fetch(query, params, { cache: 'no-store' })
  return readClient().fetch(query, params, { cache: 'force-cache', next: { tags }, tag: versionTag(versions, tags) })
}

/** Cache tags: one per document type, one per document. */
export const tags = {
  type: (type: string) => `type:${type}`,
  doc: (id: string) => `doc:${id}`,
}

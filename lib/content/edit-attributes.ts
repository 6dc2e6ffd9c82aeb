import { createDataAttribute } from 'next-sanity'
import { isDraftMode } from '../draft-mode'

/** Spread on an element that shows a field: `{...edit('title')}`. */
export type EditAttributes = (path: string) => { 'data-sanity'?: string }

/** Where the Studio lives, for an overlay clicked outside the Presentation tool. */
const STUDIO_BASE_PATH = '/studio'

const none: EditAttributes = () => ({})

/**
 * Click-to-edit targets for the Presentation tool's overlays: a `data-sanity` attribute naming
 * the document and field an element shows. Only in draft mode (an editor's preview), so readers'
 * pages carry none. Written explicitly rather than read from stega-encoded strings, because
 * stega needs content source maps, which the local lake does not compute (groq-js has none).
 */
export async function editAttributes(doc: { _id: string; _type: string }): Promise<EditAttributes> {
  if (!(await isDraftMode())) return none
  const attribute = createDataAttribute({ id: doc._id, type: doc._type, baseUrl: STUDIO_BASE_PATH })
  return (path) => ({ 'data-sanity': attribute(path) })
}

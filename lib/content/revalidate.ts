import { z } from 'zod'
import { tags } from './fetch'

/** The projection our content webhook sends (the lake locally; configure the same on Sanity). */
export const webhookBody = z.object({
  _id: z.string().min(1).max(200),
  _type: z.string().min(1).max(100),
  slug: z.string().max(200).nullish(),
  operation: z.enum(['create', 'update', 'delete']).optional(),
})

/**
 * Which cache tags a changed document invalidates. Pages tag their fetches by the types they
 * read, so an edited product refreshes every article that embeds it.
 */
export function tagsFor(body: z.infer<typeof webhookBody>): string[] {
  return [tags.type(body._type), tags.doc(body._id)]
}

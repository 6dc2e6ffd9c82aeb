/**
 * Errors shaped like the Content Lake's, so @sanity/client raises a ClientError
 * with the same statusCode and `details` it would get from Sanity.
 */
export class LakeError extends Error {
  constructor(
    readonly statusCode: number,
    readonly type: string,
    description: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(description)
  }

  toBody() {
    return { error: { description: this.message, type: this.type, ...this.extra } }
  }
}

export const badRequest = (description: string, type = 'validationError', extra = {}) =>
  new LakeError(400, type, description, extra)

export const unauthorized = (description = 'Unauthorized - a valid token is required') =>
  new LakeError(401, 'unauthorizedError', description)

export const notFound = (description: string) => new LakeError(404, 'notFoundError', description)

/** A failed mutation: Sanity reports the failing item by index inside a mutationError. */
export function mutationFailed(
  statusCode: number,
  itemType: string,
  description: string,
  index: number,
  id?: string,
) {
  return new LakeError(statusCode, 'mutationError', `The mutation(s) failed: ${description}`, {
    items: [{ error: { description, id, type: itemType }, index }],
  })
}

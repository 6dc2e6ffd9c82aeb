/** An error in Stripe's JSON shape; stripe-node picks its error class from the status. */
export class StripeError extends Error {
  constructor(
    readonly statusCode: number,
    readonly type:
      | 'invalid_request_error'
      | 'idempotency_error'
      | 'api_error'
      | 'card_error'
      | 'authentication_error',
    message: string,
    readonly extra: { code?: string; param?: string; decline_code?: string } = {},
  ) {
    super(message)
  }

  toBody() {
    return { error: { type: this.type, message: this.message, ...this.extra } }
  }
}

export const invalid = (message: string, param?: string) =>
  new StripeError(400, 'invalid_request_error', message, param ? { param } : {})

/**
 * Stripe's answer for an id it does not know: 404 when the id is in the path, 400 when it is a
 * parameter naming another object. `param` is the name Stripe reports for that endpoint.
 */
export const missing = (kind: string, id: string, param: string, status: 400 | 404 = 404) =>
  new StripeError(status, 'invalid_request_error', `No such ${kind}: '${id}'`, {
    code: 'resource_missing',
    param,
  })

/** A stored object by id, or Stripe's answer for an id it does not know (see `missing`). */
export function findStored<T>(
  table: Record<string, T>,
  kind: string,
  id: string,
  param: string,
  status: 400 | 404 = 404,
): T {
  const found = table[id]
  if (!found) throw missing(kind, id, param, status)
  return found
}

/** Stripe's answer for a path it has no endpoint at. */
export const unrecognized = (method: string | undefined, path: string) =>
  new StripeError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`)

/** An error in Stripe's JSON shape; stripe-node picks its error class from the status. */
export class StripeError extends Error {
  constructor(
    readonly statusCode: number,
    readonly type: 'invalid_request_error' | 'idempotency_error' | 'api_error' | 'card_error' | 'authentication_error',
    message: string,
    readonly extra: { code?: string; param?: string; decline_code?: string } = {},
  ) {
    super(message)
  }

  toBody() {
    return { error: { type: this.type, message: this.message, ...this.extra } }
  }
}

export const invalid = (message: string, param?: string) => new StripeError(400, 'invalid_request_error', message, param ? { param } : {})

export const missing = (kind: string, id: string, param = 'id') =>
  new StripeError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', param })

import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Double } from './double'

/** One request outside the API: the health probe, the hosted pay page, test control. */
export type RootContext = { double: Double; req: IncomingMessage; res: ServerResponse; url: URL }

/**
 * One `/v1` request, authenticated, with its params parsed from the form-encoded body (POST) or the
 * query string (GET). Its handler returns the object Stripe answers with, or throws a StripeError.
 */
export type ApiContext = {
  double: Double
  params: Record<string, unknown>
  /** `expand[]`, the fields to expand in the answer. */
  expand: string[]
  /** The path's `:id`, decoded as Stripe reads an id; empty when the route names none. */
  id: string
  /** Where this double answers, for the pay page URL of a new session. */
  baseUrl: string
}

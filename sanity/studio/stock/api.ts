/**
 * The store's stock route as the Studio's Stock view calls it. Stock is not content, so it lives
 * in the store's PostgreSQL, and the Studio shares an origin with the store. Locally the route
 * knows the editor by the Studio's access; with a real Sanity project by the editor's Sanity
 * token, sent as a bearer token (the Studio signs in with `loginMethod: 'token'`).
 */
export const STOCK_API = '/api/studio/stock'

export const authorization = (token: string | undefined): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {}

/** The route's answer, or its `{ error }` thrown as an Error. */
export async function answer<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => null)) as (T & { error?: string }) | null
  if (!res.ok) throw new Error(body?.error ?? `The store answered ${res.status}`)
  return body as T
}

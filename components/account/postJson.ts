/** POSTs JSON to one of the store's routes; resolves to the answer, or the route's `{ error }` as an Error. */
export async function postJson<T = unknown>(
  url: string,
  body: unknown,
  method = 'POST',
): Promise<T> {
  let res: Response
  try {
    res = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  } catch {
    throw new Error('The store did not answer. Please try again.')
  }
  const json = await res.json().catch(() => ({}))
  if (!res.ok)
    throw Object.assign(new Error(json.error ?? 'Something went wrong. Please try again.'), {
      fields: json.fields,
    })
  return json as T
}

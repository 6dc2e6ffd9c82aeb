import type { Answer, Probe } from './fuzz-routes'
import { SITE, type Stack } from './stack'
import { sha256 } from './util'

/** Sends one generated request as the remote client `from` (X-Forwarded-For), following no redirect. */
export async function send(probe: Probe, from: string): Promise<Answer> {
  const url = `${SITE}${probe.path}`
  const res = await fetch(url, {
    method: probe.method,
    headers: { ...probe.headers, 'x-forwarded-for': from },
    body: probe.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(20_000),
  })
  const answer = { url, status: res.status, location: res.headers.get('location') }
  // A lake listener answers with an endless event stream: its status is all there is to judge.
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    await res.body?.cancel()
    return { ...answer, json: null }
  }
  const text = await res.text()
  try {
    return { ...answer, json: JSON.parse(text) }
  } catch {
    return { ...answer, json: null }
  }
}

/**
 * Every document in the lake (drafts included) by id, as a hash of its content. Orders placed by
 * earlier checks are still having their confirmation emails sent (the outbox rewrites the mirror
 * with its email status and the time it was recorded): those writes are the store's own, so the
 * fingerprint leaves them out.
 */
export async function contentById(stack: Stack): Promise<Map<string, string>> {
  const docs = await stack.lakeClient.fetch<Array<{ _id: string }>>(
    '*{ ..., "_rev": select(_type == "order" => null, _rev), "_updatedAt": null, "_createdAt": null, "emailStatus": null, "recordedAt": null }',
  )
  return new Map(docs.map((doc) => [doc._id, sha256(doc)]))
}

/** What was written between two fingerprints, e.g. "created fuzz-a1; changed product-x"; '' when nothing. */
export function changes(before: Map<string, string>, after: Map<string, string>): string {
  const created = [...after.keys()].filter((id) => !before.has(id))
  const deleted = [...before.keys()].filter((id) => !after.has(id))
  const changed = [...after.keys()].filter(
    (id) => before.has(id) && before.get(id) !== after.get(id),
  )
  return Object.entries({ created, deleted, changed })
    .filter(([, ids]) => ids.length > 0)
    .map(([what, ids]) => `${what} ${ids.join(', ')}`)
    .join('; ')
}

/** A probe in a line of the report: huge bodies by their size. */
export function shown({ method, path, body, headers }: Probe) {
  const sent =
    body === undefined
      ? ''
      : body.length > 200
        ? ` body ${body.length} bytes`
        : ` body ${JSON.stringify(body)}`
  return `${method} ${path} headers ${JSON.stringify(headers)}${sent}`
}

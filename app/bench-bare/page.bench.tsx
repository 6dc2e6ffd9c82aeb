/**
 * The bench's baseline: a page with nothing but Next and React, under the same minimal root layout.
 * Rendered per request, so Next puts the request's script nonce on its scripts: proxy.ts gives a
 * path that is not a cached readers' page a nonce policy, and a prerendered copy, carrying no
 * nonce, would have all its scripts blocked and measure a page that never hydrates.
 */
export const dynamic = 'force-dynamic'

export default function BenchBare() {
  return <h1>Bare page</h1>
}

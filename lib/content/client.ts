import 'server-only'
import { createClient, type SanityClient } from '@sanity/client'
import { config } from '../env'

/**
 * The same @sanity/client in both modes: locally it points at the Content Lake via `apiHost`
 * (without the project hostname, which Node cannot resolve), in real mode at Sanity's API.
 */
function baseClient(): SanityClient {
  const { sanity } = config()
  return createClient({
    projectId: sanity.projectId,
    dataset: sanity.dataset,
    apiVersion: sanity.apiVersion,
    ...(sanity.apiHost ? { apiHost: sanity.apiHost, useProjectHostname: false } : {}),
    useCdn: sanity.mode === 'real',
    perspective: 'published',
    // The dataset is private (orders hold personal data), so even published reads carry a token.
    token: sanity.readToken,
  })
}

let reader: SanityClient | undefined
let fresh: SanityClient | undefined
let writer: SanityClient | undefined

/** Reads published content for pages; the CDN in real mode. */
export function readClient(): SanityClient {
  reader ??= baseClient()
  return reader
}

/** Reads published content straight from the API (no CDN): prices and stock for cart and checkout. */
export function freshClient(): SanityClient {
  fresh ??= baseClient().withConfig({ useCdn: false })
  return fresh
}

/** Writes with the server-only token (orders, stock). Never reaches the browser. */
export function writeClient(): SanityClient {
  if (!writer) {
    writer = baseClient().withConfig({
      token: config().sanity.writeToken,
      useCdn: false,
      perspective: 'raw',
    })
  }
  return writer
}

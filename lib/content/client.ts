import { createClient, type SanityClient } from '@sanity/client'
import { config } from '../env'

/**
 * The same @sanity/client in both modes: locally it points at the Content Lake via `apiHost`
 * (without the project hostname, which Node cannot resolve), in real mode at Sanity's API.
 */
function baseClient(): SanityClient {
  const { sanity, mode } = config()
  return createClient({
    projectId: sanity.projectId,
    dataset: sanity.dataset,
    apiVersion: sanity.apiVersion,
    ...(sanity.apiHost ? { apiHost: sanity.apiHost, useProjectHostname: false } : {}),
    useCdn: mode === 'real',
    perspective: 'published',
  })
}

let reader: SanityClient | undefined
let writer: SanityClient | undefined

/** Reads published content; the CDN in real mode. */
export function readClient(): SanityClient {
  reader ??= baseClient()
  return reader
}

/** Writes with the server-only token (orders, stock). Never reaches the browser. */
export function writeClient(): SanityClient {
  if (!writer) {
    const token = config().sanity.writeToken
    if (!token) throw new Error('SANITY_API_WRITE_TOKEN is not set')
    writer = baseClient().withConfig({ token, useCdn: false, perspective: 'raw' })
  }
  return writer
}

import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'
import { config } from '../env'
import { LOOPBACK_NAMES } from './loopback'

/**
 * Who is asking. The chain is X-Forwarded-For as this server received it, ending with the
 * socket's peer: `npm start` (scripts/serve.ts) appends the peer to whatever arrived, and Next
 * writes the peer alone when no header came. Only the last TRUSTED_PROXY_HOPS + 1 entries were
 * written by machines we trust; anything left of them is the client's own say and never counts.
 */
/** A request, or the headers of the one a server component is rendering. */
export type Incoming = { headers: { get(name: string): string | null } }

export function forwardedChain(req: Incoming): string[] {
  const header = req.headers.get('x-forwarded-for') ?? ''
  const chain = header
    .split(',')
    .map((entry) => normalise(entry.trim()))
    .filter(Boolean)
  return chain.length > 0 ? chain : ['unknown']
}

/** The client's address: `hops` entries from the right of the chain. */
export function clientAddress(req: Incoming): string {
  const chain = forwardedChain(req)
  return chain[Math.max(0, chain.length - 1 - config().trustedProxyHops)]
}

/**
 * Who counts as one client for rate limits and hold caps. An IPv6 address is its /64: one
 * subscriber (a home, a phone, a cloud VM) is routed a whole /64 and picks any address in it, so
 * keying by the full address would give one machine 2^64 budgets. An IPv4 address is itself.
 */
export function clientKey(req: Incoming): string {
  return clientKeyOf(clientAddress(req))
}

export function clientKeyOf(address: string): string {
  if (isIP(address) !== 6) return address
  const v6 = ipaddr.IPv6.parse(address)
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString()
  return `${new ipaddr.IPv6([...v6.parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`
}

/**
 * True only when every hop is this machine: a browser on it talking to the server directly. A
 * proxy on the same machine (nginx in front of a loopback server) adds the remote client's
 * address, so its requests never count as local, however the proxy setting is configured.
 */
export function isLoopbackClient(req: Incoming): boolean {
  return forwardedChain(req).every(isLoopbackAddress)
}

export function isLoopbackAddress(address: string) {
  if (isIP(address) === 4) return address.startsWith('127.')
  return address === '::1'
}

/** `::ffff:127.0.0.1` is IPv4 seen through an IPv6 socket; `[::1]:443` and `1.2.3.4:80` carry a port. */
function normalise(entry: string) {
  let address = entry.replace(/^\[([^\]]+)\](:\d+)?$/, '$1')
  if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'))
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address)) address = address.slice(7)
  return address.toLowerCase()
}

/** URL hostnames write IPv6 in brackets: `[::1]`. */
const isLoopbackName = (hostname: string) =>
  LOOPBACK_NAMES.has(hostname.replace(/^\[(.*)\]$/, '$1'))

/**
 * Whether the request was addressed to this site (its Host header), which stops DNS rebinding:
 * a page on a hostile name that resolves to this machine still sends its own name. A site on
 * loopback answers to any loopback name on its port (localhost and 127.0.0.1 are the same).
 */
export function isSiteHost(req: Incoming): boolean {
  const site = new URL(config().siteUrl)
  let host: URL
  try {
    host = new URL(`${site.protocol}//${req.headers.get('host') ?? ''}`)
  } catch {
    return false
  }
  if (host.host === site.host) return true
  return isLoopbackName(site.hostname) && isLoopbackName(host.hostname) && host.port === site.port
}

/**
 * Browsers say where a request comes from (every browser sends one of these headers on a POST),
 * so a write can insist on this site's own pages; a request with neither is not from a browser.
 */
export function isSameOrigin(req: Incoming & { nextUrl: { origin: string } }): boolean {
  const site = req.headers.get('sec-fetch-site')
  if (site) return site === 'same-origin'
  const origin = req.headers.get('origin')
  return origin === null || origin === req.nextUrl.origin || origin === config().siteUrl
}

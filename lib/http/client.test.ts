import { afterEach, describe, expect, it, vi } from 'vitest'

async function load(hops: number) {
  vi.resetModules()
  vi.stubEnv('TRUSTED_PROXY_HOPS', String(hops))
  return import('./client')
}

const request = (xff?: string) =>
  new Request('http://localhost/api/cart', {
    headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
  })

afterEach(() => vi.unstubAllEnvs())

describe('client address', () => {
  it('is the socket peer with no trusted proxy, whatever the client wrote before it', async () => {
    const { clientAddress } = await load(0)
    expect(clientAddress(request('6.6.6.6, 203.0.113.9'))).toBe('203.0.113.9')
    expect(clientAddress(request('1.1.1.1, 2.2.2.2, 203.0.113.9'))).toBe('203.0.113.9')
  })

  it('counts trusted proxies from the right, so a forged first entry never wins', async () => {
    const { clientAddress } = await load(1)
    // The client forged 6.6.6.6; nginx appended the real client; serve.ts appended nginx.
    expect(clientAddress(request('6.6.6.6, 198.51.100.7, 10.0.0.2'))).toBe('198.51.100.7')
    // A new forged value per request changes nothing: the same budget key every time.
    expect(clientAddress(request('7.7.7.7, 198.51.100.7, 10.0.0.2'))).toBe('198.51.100.7')
  })

  it('takes the leftmost entry when the chain is shorter than the configured hops', async () => {
    const { clientAddress } = await load(3)
    expect(clientAddress(request('198.51.100.7, 10.0.0.2'))).toBe('198.51.100.7')
    expect(clientAddress(request())).toBe('unknown')
  })

  it('keys an IPv6 client by its /64, so one subscriber cannot rotate through its 2^64 addresses', async () => {
    const { clientKey } = await load(0)
    const one = clientKey(request('2001:db8:aa:bb:1:2:3:4'))
    expect(one).toBe('2001:db8:aa:bb::/64')
    expect(clientKey(request('2001:db8:aa:bb:ffff:ffff:ffff:ffff'))).toBe(one)
    expect(clientKey(request('[2001:0db8:00aa:00bb::9]:443'))).toBe(one)
    expect(clientKey(request('2001:db8:aa:bc::1'))).not.toBe(one) // the next /64 is another subscriber
    expect(clientKey(request('203.0.113.9'))).toBe('203.0.113.9')
    expect(clientKey(request('::ffff:203.0.113.9'))).toBe('203.0.113.9')
    expect(clientKey(request())).toBe('unknown')
  })

  it('normalises IPv4 seen through IPv6 and addresses with ports', async () => {
    const { clientAddress } = await load(0)
    expect(clientAddress(request('::ffff:127.0.0.1'))).toBe('127.0.0.1')
    expect(clientAddress(request('[::1]:3000'))).toBe('::1')
    expect(clientAddress(request('203.0.113.9:51000'))).toBe('203.0.113.9')
  })

  it('is loopback only when every hop is this machine', async () => {
    const { isLoopbackClient } = await load(0)
    expect(isLoopbackClient(request('127.0.0.1'))).toBe(true)
    expect(isLoopbackClient(request('::ffff:127.0.0.1'))).toBe(true)
    expect(isLoopbackClient(request('::1'))).toBe(true)
    // nginx on this machine forwarding a stranger: the stranger's address is in the chain.
    expect(isLoopbackClient(request('203.0.113.9, 127.0.0.1'))).toBe(false)
    expect(isLoopbackClient(request('10.0.0.5'))).toBe(false)
    expect(isLoopbackClient(request())).toBe(false)
  })
})

describe('site host', () => {
  const withHost = (host: string) =>
    new Request('http://ignored/api/studio-lake/x', { headers: { host } })

  it('accepts the site host, and any loopback name on the port of a loopback site', async () => {
    vi.stubEnv('SITE_URL', 'http://localhost:3000')
    const { isSiteHost } = await load(0)
    expect(isSiteHost(withHost('localhost:3000'))).toBe(true)
    expect(isSiteHost(withHost('127.0.0.1:3000'))).toBe(true)
    expect(isSiteHost(withHost('[::1]:3000'))).toBe(true)
  })

  it('refuses a rebound name, another port, or a missing host', async () => {
    vi.stubEnv('SITE_URL', 'http://localhost:3000')
    const { isSiteHost } = await load(0)
    expect(isSiteHost(withHost('attacker.example:3000'))).toBe(false)
    expect(isSiteHost(withHost('localhost:3001'))).toBe(false)
    expect(isSiteHost(new Request('http://x/'))).toBe(false)
  })

  it('accepts only the exact host of a public site', async () => {
    vi.stubEnv('SITE_URL', 'https://shop.example')
    const { isSiteHost } = await load(0)
    expect(isSiteHost(withHost('shop.example'))).toBe(true)
    expect(isSiteHost(withHost('localhost'))).toBe(false)
    expect(isSiteHost(withHost('evil.example'))).toBe(false)
  })
})

import { request } from 'node:http'
import { networkInterfaces } from 'node:os'
import { API_VERSION } from '../../../sanity/api-version'
import { PORTS, SITE, type Stack } from '../stack'
import type { Figure } from '../util'

/** A seeded product whose price a remote client tries to change. */
const PRODUCT_ID = 'product-cooling-pillow'

function withHost(url: string, host: string) {
  return new Promise<{ status: number; body: string }>((resolve) => {
    const req = request(url, { headers: { host } }, (res) => {
      let body = ''
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', () => resolve({ status: 0, body: '' }))
    req.end()
  })
}

/** A non-loopback IPv4 address of this machine, if it has one. */
function outsideAddress() {
  for (const entries of Object.values(networkInterfaces()))
    for (const entry of entries ?? [])
      if (entry.family === 'IPv4' && !entry.internal) return entry.address
  return null
}

/**
 * The local Studio and its lake proxy from anywhere but this machine: nothing at all on a
 * non-loopback address, 401 JSON for a client behind a proxy, 421 for a rebound host name, and
 * no buyer's email in any answer.
 */
export async function studioReach(stack: Stack): Promise<Figure> {
  const email =
    (
      await stack.query<{ email: string }>(
        'select email from orders where email is not null limit 1',
      )
    )[0]?.email ?? null
  const orders = `/api/studio-lake/v${API_VERSION}/data/query/production?query=${encodeURIComponent('*[_type == "order"]{email, shippingAddress}')}`
  const mutate = `/api/studio-lake/v${API_VERSION}/data/mutate/production`
  const answers: Array<{ what: string; status: number; body: string }> = []
  const ask = async (what: string, url: string, init: RequestInit = {}) => {
    try {
      const res = await fetch(url, {
        ...init,
        redirect: 'manual',
        signal: AbortSignal.timeout(5000),
      })
      answers.push({ what, status: res.status, body: await res.text() })
    } catch {
      answers.push({ what, status: 0, body: '' }) // refused: nothing listens there
    }
  }
  const remote = { 'x-forwarded-for': '203.0.113.50' }
  const write = JSON.stringify({
    mutations: [{ patch: { id: PRODUCT_ID, set: { 'variants[_key=="standard"].priceCents': 1 } } }],
  })

  const outside = outsideAddress()
  if (outside)
    await ask('query on a non-loopback address', `http://${outside}:${PORTS.site}${orders}`)
  await ask('query from a remote client', `${SITE}${orders}`, { headers: remote })
  await ask('mutation from a remote client', `${SITE}${mutate}`, {
    method: 'POST',
    headers: { ...remote, 'content-type': 'application/json' },
    body: write,
  })
  await ask('Studio page for a remote client', `${SITE}/studio`, { headers: remote })
  // fetch() writes its own Host header; a rebound name needs a plain request.
  answers.push({
    what: 'query with a rebound host name',
    ...(await withHost(`${SITE}${orders}`, `rebound.example:${PORTS.site}`)),
  })
  // Loopback is every account on this machine: without the printed Studio link, another program here is refused too.
  await ask('query from this machine without the Studio link', `${SITE}${orders}`)
  const link = await fetch(
    `${SITE}/api/studio-session?key=${encodeURIComponent(stack.secrets.LOCAL_STUDIO_KEY)}`,
    { redirect: 'manual' },
  )
  const session = (link.headers.get('set-cookie') ?? '').split(';')[0]
  await ask('path the Studio never uses', `${SITE}/api/studio-lake/health`, {
    headers: { cookie: session },
  })

  const price = await stack.lakeClient.fetch<number>(
    '*[_id == $id][0].variants[_key == "standard"][0].priceCents',
    {
      id: PRODUCT_ID,
    },
  )
  const expected: Record<string, number[]> = {
    'query on a non-loopback address': [0],
    'query from a remote client': [401],
    'mutation from a remote client': [401],
    'Studio page for a remote client': [401],
    'query with a rebound host name': [421],
    'query from this machine without the Studio link': [401],
    'path the Studio never uses': [404],
  }
  const wrong = answers.filter((a) => !expected[a.what].includes(a.status))
  const leaked = email ? answers.filter((a) => a.body.includes(email)) : []
  const pass = wrong.length === 0 && leaked.length === 0 && price !== 1 && email !== null
  return {
    check: 'Studio reach',
    figure: `${answers.map((a) => `${a.what} → ${a.status || 'refused'}`).join('; ')}; an order's email in ${leaked.length} answers; price unchanged: ${price !== 1}`,
    target:
      'refused or 401/421/404 JSON from outside, no order data in any answer, nothing written',
    pass,
  }
}

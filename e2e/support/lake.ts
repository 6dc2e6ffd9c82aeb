import { readFileSync } from 'node:fs'
import { parseEnv } from 'node:util'

/** Reads the e2e lake directly (its address and read token), to check what the UI did. */
const LAKE = `http://127.0.0.1:${process.env.E2E_LAKE_PORT ?? '3131'}`

/** A secret from the local env file the services were started with. */
export function localSecret(name: string) {
  return parseEnv(readFileSync('.data/local.env', 'utf8'))[name]!
}

const token = () => localSecret('SANITY_API_READ_TOKEN')

/** Writes straight to the lake (test setup and clean-up only). */
export async function lakeMutate(mutations: unknown[]) {
  const res = await fetch(`${LAKE}/v2025-02-19/data/mutate/production`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${localSecret('SANITY_API_WRITE_TOKEN')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ mutations }),
  })
  if (!res.ok) throw new Error(`lake mutate failed: ${res.status} ${await res.text()}`)
}

export async function lakeQuery<T = unknown>(
  query: string,
  params: Record<string, unknown> = {},
): Promise<T> {
  const url = new URL(`${LAKE}/v2025-02-19/data/query/production`)
  url.searchParams.set('query', query)
  url.searchParams.set('perspective', 'raw')
  for (const [name, value] of Object.entries(params))
    url.searchParams.set(`$${name}`, JSON.stringify(value))
  const res = await fetch(url, { headers: { authorization: `Bearer ${token()}` } })
  if (!res.ok) throw new Error(`lake query failed: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { result: T }).result
}

import { readFileSync } from 'node:fs'
import { parseEnv } from 'node:util'

/** Reads the e2e lake directly (its address and read token), to check what the UI did. */
const LAKE = `http://127.0.0.1:${process.env.E2E_LAKE_PORT ?? '3131'}`

function token() {
  const env = parseEnv(readFileSync('.data/local.env', 'utf8'))
  return env.SANITY_API_READ_TOKEN!
}

export async function lakeQuery<T = unknown>(query: string, params: Record<string, unknown> = {}): Promise<T> {
  const url = new URL(`${LAKE}/v2025-02-19/data/query/production`)
  url.searchParams.set('query', query)
  url.searchParams.set('perspective', 'raw')
  for (const [name, value] of Object.entries(params)) url.searchParams.set(`$${name}`, JSON.stringify(value))
  const res = await fetch(url, { headers: { authorization: `Bearer ${token()}` } })
  if (!res.ok) throw new Error(`lake query failed: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { result: T }).result
}

export const variantStock = (productId: string, key: string) =>
  lakeQuery<{ stock: number; reserved: number }>('*[_id == $id][0].variants[_key == $key][0]{ stock, reserved }', { id: productId, key })

import { evaluate, parse, type ExprNode } from 'groq-js'
import { badRequest } from './errors'
import type { SanityDocument } from './store'

type GroqError = Error & { position?: number; name: string }

/**
 * Parses and evaluates GROQ with groq-js; any parse or evaluation error is the client's (400).
 * Returns the parsed tree too, for the answer's sync tags.
 */
export async function runGroq(
  query: string,
  params: Record<string, unknown>,
  dataset: SanityDocument[],
  context: { projectId: string; dataset: string; identity?: string },
): Promise<{ result: unknown; tree: ExprNode }> {
  let tree
  try {
    tree = parse(query, { params })
  } catch (error) {
    const e = error as GroqError
    throw badRequest(e.message, 'queryParseError', {
      query,
      start: e.position ?? 0,
      end: (e.position ?? 0) + 1,
    })
  }
  const missing = [...parameterNames(tree)].filter((name) => !(name in params))
  if (missing.length > 0) {
    throw badRequest(`param $${missing[0]} referenced, but not provided`, 'queryParseError', {
      query,
    })
  }
  try {
    const value = await evaluate(tree, {
      dataset,
      params,
      identity: context.identity,
      sanity: { projectId: context.projectId, dataset: context.dataset },
    })
    return { result: await value.get(), tree }
  } catch (error) {
    throw badRequest((error as Error).message, 'queryEvaluationError', { query })
  }
}

/** Names of every `$param` a parsed query references (Sanity rejects queries missing one). */
function parameterNames(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((child) => parameterNames(child, found))
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>
    if (record.type === 'Parameter' && typeof record.name === 'string') found.add(record.name)
    for (const value of Object.values(record)) parameterNames(value, found)
  }
  return found
}

/** `$name=<JSON>` search params as GROQ parameters, the way @sanity/client encodes them. */
export function paramsFromSearch(search: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [key, value] of search) {
    if (!key.startsWith('$')) continue
    try {
      params[key.slice(1)] = JSON.parse(value)
    } catch {
      throw badRequest(`Parameter "${key}" is not valid JSON`, 'queryParseError')
    }
  }
  return params
}

import { invalid } from './errors'

/** Parsers for form-encoded params, with Stripe's error messages. */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** qs turns `a[0]=x` into an array, or into an object when indices are sparse or many. */
export function list(value: unknown, param: string): unknown[] {
  if (value === undefined) return []
  if (Array.isArray(value)) return value
  if (isRecord(value))
    return Object.keys(value)
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => value[k])
  throw invalid(`Invalid array`, param)
}

export function integer(value: unknown, param: string, min = 0, max = 99_999_999): number {
  if (typeof value !== 'string' && typeof value !== 'number')
    throw invalid(`Missing required param: ${param}.`, param)
  const text = String(value)
  if (!/^-?\d+$/.test(text)) throw invalid(`Invalid integer: ${text}`, param)
  const n = Number(text)
  if (n < min || n > max)
    throw invalid(`Invalid ${param}: must be between ${min} and ${max}`, param)
  return n
}

export function string(
  value: unknown,
  param: string,
  { required = true, max = 5000 } = {},
): string | null {
  if (value === undefined || value === '') {
    if (required) throw invalid(`Missing required param: ${param}.`, param)
    return null
  }
  if (typeof value !== 'string' || value.length > max)
    throw invalid(`Invalid string: ${param}`, param)
  return value
}

export function url(value: unknown, param: string, required: boolean) {
  const text = string(value, param, { required, max: 5000 })
  if (text === null) return null
  try {
    const parsed = new URL(text.replace('{CHECKOUT_SESSION_ID}', 'x'))
    if (!/^https?:$/.test(parsed.protocol)) throw new Error()
  } catch {
    throw invalid('Not a valid URL', param)
  }
  return text
}

/** Stripe's metadata limits: 50 keys, keys ≤ 40 characters, values ≤ 500 characters. */
export function metadata(value: unknown, param: string): Record<string, string> {
  if (value === undefined || value === '') return {}
  if (!isRecord(value)) throw invalid('Invalid object', param)
  const entries = Object.entries(value)
  if (entries.length > 50) throw invalid('Metadata can have at most 50 keys', param)
  for (const [key, v] of entries) {
    if (key.length > 40)
      throw invalid(`Metadata keys must be at most 40 characters`, `${param}[${key}]`)
    if (typeof v !== 'string' || v.length > 500)
      throw invalid(`Metadata values must be strings of at most 500 characters`, `${param}[${key}]`)
  }
  return value as Record<string, string>
}

export function currency(value: unknown, param: string) {
  const code = string(value, param)!.toLowerCase()
  if (!/^[a-z]{3}$/.test(code)) throw invalid(`Invalid currency: ${code}`, param)
  return code
}

/** `expand[]`: the fields an answer expands, from the array or indexed object qs makes of it. */
export function expansions(params: Record<string, unknown>): string[] {
  const { expand } = params
  return (Array.isArray(expand) ? expand : expand ? Object.values(expand as object) : []).map(
    String,
  )
}

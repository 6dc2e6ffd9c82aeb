/**
 * Reads `read()` until `ok` accepts the value, and returns that value. On timeout it throws,
 * naming what it waited for and the last value it saw: a wait that quietly gave up and returned
 * would let a test pass on something that never happened.
 */
export async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  { timeoutMs = 8000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (ok(value)) return value
    if (Date.now() > deadline)
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}; last value seen: ${shown(value)}`,
      )
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}

function shown(value: unknown) {
  const text = value === undefined ? 'undefined' : JSON.stringify(value)
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}

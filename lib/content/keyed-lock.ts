/**
 * Runs `task` once no other task in this process holds any of `keys`. Checkouts of the same
 * product would otherwise race to write it with `ifRevisionID` and most would lose and retry;
 * queued here, each reads the revision the previous one wrote. Across processes the revision
 * check still decides. Keys are taken in sorted order, so two tasks never wait on each other.
 */
const tails = new Map<string, Promise<unknown>>()

export async function withKeys<T>(keys: string[], task: () => Promise<T>): Promise<T> {
  const sorted = [...new Set(keys)].sort()
  const waits = sorted.map((key) => tails.get(key) ?? Promise.resolve())
  let release!: () => void
  const done = new Promise<void>((resolve) => (release = resolve))
  for (const key of sorted) tails.set(key, done)
  try {
    await Promise.all(waits.map((wait) => wait.catch(() => undefined)))
    return await task()
  } finally {
    release()
    for (const key of sorted) if (tails.get(key) === done) tails.delete(key)
  }
}

import { useState } from 'react'

/**
 * One request at a time from a form: `busy` while it runs (the button says so and is disabled),
 * and the route's `{ error }` message when it fails, cleared by the next try.
 */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function run(action: () => Promise<void>) {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return { busy, error, run }
}

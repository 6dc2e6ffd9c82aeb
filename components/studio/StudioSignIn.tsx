'use client'

import { clsx } from 'clsx'
import { useState, type FormEvent } from 'react'
import { button } from '../styles'

/** The local Studio's password form: the session cookie is HTTP-only, so the API sets it. */
export function StudioSignIn() {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    const password = new FormData(event.currentTarget).get('password')
    const res = await fetch('/api/studio-session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password }),
    }).catch(() => null)
    if (res?.ok) return window.location.reload()
    const body = (await res?.json().catch(() => null)) as { error?: string } | null
    setError(body?.error ?? 'The sign-in did not go through. Please try again.')
    setBusy(false)
  }

  return (
    <form onSubmit={submit} className="mt-6 flex flex-col gap-3 text-left">
      <label htmlFor="studio-password" className="text-sm font-medium text-night">
        Studio password
      </label>
      <input
        id="studio-password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus
        className="rounded-lg border border-night/30 px-3 py-2"
      />
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className={clsx(button({ size: 'md' }), 'disabled:opacity-60')}
      >
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  )
}

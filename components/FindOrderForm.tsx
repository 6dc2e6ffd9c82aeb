'use client'

import { useState, type FormEvent } from 'react'

type State =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'done'; message: string }
  | { kind: 'error'; message: string }

export function FindOrderForm() {
  const [state, setState] = useState<State>({ kind: 'idle' })

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setState({ kind: 'sending' })
    try {
      const res = await fetch('/api/orders/lookup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: form.get('email'), orderNumber: form.get('orderNumber') }),
      })
      const json = await res.json().catch(() => ({}))
      setState(
        res.ok
          ? { kind: 'done', message: json.message }
          : { kind: 'error', message: json.error ?? 'Something went wrong. Please try again.' },
      )
    } catch {
      setState({ kind: 'error', message: 'The store did not answer. Please try again.' })
    }
  }

  const input =
    'mt-1 block w-full rounded-xl border border-night/20 bg-white px-4 py-3 text-night focus-visible:outline-2 focus-visible:outline-indigo'
  return (
    <form onSubmit={submit} className="mt-8 space-y-5" noValidate>
      <label className="block text-sm font-medium text-night">
        Email address
        <input
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          className={input}
        />
      </label>
      <label className="block text-sm font-medium text-night">
        Order number
        <input
          name="orderNumber"
          required
          maxLength={32}
          placeholder="RW-1A2B3C4D"
          autoCapitalize="characters"
          className={input}
        />
      </label>
      <button
        type="submit"
        disabled={state.kind === 'sending'}
        className="rounded-full bg-night px-6 py-3 font-medium text-cream hover:bg-indigo disabled:bg-night/40"
      >
        {state.kind === 'sending' ? 'Sending…' : 'Email me the link'}
      </button>
      <div aria-live="polite">
        {state.kind === 'done' && (
          <p className="rounded-xl bg-sage/25 px-4 py-3 text-night" data-testid="lookup-answer">
            {state.message}
          </p>
        )}
        {state.kind === 'error' && (
          <p role="alert" className="rounded-xl bg-amber-50 px-4 py-3 text-amber-900">
            {state.message}
          </p>
        )}
      </div>
    </form>
  )
}

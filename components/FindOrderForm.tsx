'use client'

import { useState, type FormEvent } from 'react'
import { alert, fieldLabel, note, submitButton, textField } from './styles'

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

  return (
    <form onSubmit={submit} className="mt-8 space-y-5" noValidate>
      <label className={fieldLabel}>
        Email address
        <input
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          className={textField}
        />
      </label>
      <label className={fieldLabel}>
        Order number
        <input
          name="orderNumber"
          required
          maxLength={32}
          placeholder="RW-1A2B3C4D"
          autoCapitalize="characters"
          className={textField}
        />
      </label>
      <button type="submit" disabled={state.kind === 'sending'} className={submitButton}>
        {state.kind === 'sending' ? 'Sending…' : 'Email me the link'}
      </button>
      <div aria-live="polite">
        {state.kind === 'done' && (
          <p className={note} data-testid="lookup-answer">
            {state.message}
          </p>
        )}
        {state.kind === 'error' && (
          <p role="alert" className={alert}>
            {state.message}
          </p>
        )}
      </div>
    </form>
  )
}

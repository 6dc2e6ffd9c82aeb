'use client'

import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { postJson } from './postJson'
import { alert, fieldLabel, note, submitButton, textField } from '../styles'

type Step = { kind: 'email' } | { kind: 'code'; email: string }

/**
 * Sign in with a code: an email address, then the 6-digit code sent to it. The emailed link opens
 * this page with both filled in, so one press signs in. The answer is the same whether or not the
 * address has an account (a new one is made on the first sign-in).
 */
export function SignInForm({
  email: linkedEmail,
  code: linkedCode,
}: {
  email?: string
  code?: string
}) {
  const router = useRouter()
  const [step, setStep] = useState<Step>(
    linkedEmail && linkedCode ? { kind: 'code', email: linkedEmail } : { kind: 'email' },
  )
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

  function sendCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim()
    void run(async () => {
      await postJson('/api/auth/email-otp/send-verification-otp', { email, type: 'sign-in' })
      setStep({ kind: 'code', email })
    })
  }

  function signIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (step.kind !== 'code') return
    const otp = String(new FormData(event.currentTarget).get('code') ?? '').trim()
    void run(async () => {
      await postJson('/api/auth/sign-in/email-otp', { email: step.email, otp })
      router.replace('/account')
      router.refresh()
    })
  }

  const problem = (
    <div aria-live="polite">
      {error && (
        <p role="alert" className={alert}>
          {error}
        </p>
      )}
    </div>
  )

  if (step.kind === 'email')
    return (
      <form onSubmit={sendCode} className="mt-8 space-y-5" noValidate>
        <label className={fieldLabel}>
          Email address
          <input
            name="email"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            defaultValue={linkedEmail}
            className={textField}
          />
        </label>
        <button type="submit" disabled={busy} className={submitButton}>
          {busy ? 'Sending…' : 'Email me a code'}
        </button>
        {problem}
      </form>
    )

  return (
    <form onSubmit={signIn} className="mt-8 space-y-5" noValidate>
      <p className={note} data-testid="code-sent">
        If {step.email} can receive email, a 6-digit code is on its way. It works once and expires
        in a few minutes.
      </p>
      <label className={fieldLabel}>
        Code
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          required
          defaultValue={linkedCode}
          className={textField}
        />
      </label>
      <div className="flex flex-wrap gap-3">
        <button type="submit" disabled={busy} className={submitButton}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <button
          type="button"
          onClick={() => setStep({ kind: 'email' })}
          className="px-2 py-3 text-sm text-night/75 underline"
        >
          Use another email
        </button>
      </div>
      {problem}
    </form>
  )
}

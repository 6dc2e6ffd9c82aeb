'use client'

import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { CodeField, FormError, fieldValue } from './CodeFields'
import { postJson } from './postJson'
import { useAction } from './useAction'
import { fieldLabel, submitButton, textField } from '../styles'

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
  const { busy, error, run } = useAction()

  function sendCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const email = fieldValue(event.currentTarget, 'email')
    void run(async () => {
      await postJson('/api/auth/email-otp/send-verification-otp', { email, type: 'sign-in' })
      setStep({ kind: 'code', email })
    })
  }

  function signIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (step.kind !== 'code') return
    const otp = fieldValue(event.currentTarget, 'code')
    void run(async () => {
      await postJson('/api/auth/sign-in/email-otp', { email: step.email, otp })
      router.replace('/account')
      router.refresh()
    })
  }

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
        <FormError error={error} />
      </form>
    )

  return (
    <form onSubmit={signIn} className="mt-8 space-y-5" noValidate>
      <CodeField
        defaultValue={linkedCode}
        sent={`If ${step.email} can receive email, a 6-digit code is on its way. It works once and expires in a few minutes.`}
      />
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
      <FormError error={error} />
    </form>
  )
}

'use client'

import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { CodeField, FormError, fieldValue } from './CodeFields'
import { postJson } from './postJson'
import { useAction } from './useAction'
import { fieldLabel, submitButton, textField } from '../styles'

/**
 * A new email address takes effect only with the code sent to it, so an account never moves to
 * an address its owner cannot read. The emailed link opens /account/email with both filled in.
 */
export function ChangeEmailForm({
  current,
  newEmail: linkedEmail,
  code: linkedCode,
}: {
  current: string
  newEmail?: string
  code?: string
}) {
  const router = useRouter()
  const [pending, setPending] = useState<string | null>(
    linkedEmail && linkedCode ? linkedEmail : null,
  )
  const { busy, error, run } = useAction()

  function request(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const newEmail = fieldValue(event.currentTarget, 'newEmail')
    void run(async () => {
      await postJson('/api/auth/email-otp/request-email-change', { newEmail })
      setPending(newEmail)
    })
  }

  function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const otp = fieldValue(event.currentTarget, 'code')
    void run(async () => {
      await postJson('/api/auth/email-otp/change-email', { newEmail: pending, otp })
      router.replace('/account')
      router.refresh()
    })
  }

  if (!pending)
    return (
      <form onSubmit={request} noValidate className="mt-4 space-y-4">
        <p className="text-night/75">Your orders and sign-in codes go to {current}.</p>
        <label className={fieldLabel}>
          New email address
          <input
            name="newEmail"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            className={textField}
          />
        </label>
        <button type="submit" disabled={busy} className={submitButton}>
          {busy ? 'Sending…' : 'Send a code to the new address'}
        </button>
        <FormError error={error} />
      </form>
    )

  return (
    <form onSubmit={confirm} noValidate className="mt-4 space-y-4">
      <CodeField
        defaultValue={linkedCode}
        sent={`A code is on its way to ${pending}. Enter it to move your account there.`}
      />
      <button type="submit" disabled={busy} className={submitButton}>
        {busy ? 'Confirming…' : 'Change my email'}
      </button>
      <FormError error={error} />
    </form>
  )
}

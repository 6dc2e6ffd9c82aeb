'use client'

import { clsx } from 'clsx'
import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { postJson } from './postJson'
import { alert, borderedCard, fieldLabel, quietButton, submitButton, textField } from '../styles'

export type SavedAddress = {
  id: string
  name: string
  line1: string
  line2: string | null
  city: string
  state: string | null
  postalCode: string
  country: string
  isDefault: boolean
}

const FIELDS = [
  { name: 'name', label: 'Full name', autoComplete: 'name', required: true },
  { name: 'line1', label: 'Address', autoComplete: 'address-line1', required: true },
  {
    name: 'line2',
    label: 'Apartment, suite (optional)',
    autoComplete: 'address-line2',
    required: false,
  },
  { name: 'city', label: 'City', autoComplete: 'address-level2', required: true },
  { name: 'state', label: 'State or province', autoComplete: 'address-level1', required: false },
  { name: 'postalCode', label: 'Postal code', autoComplete: 'postal-code', required: true },
] as const

/** The form for a new address or a change to one: each wrong field says what is wrong, and nothing is saved. */
function AddressForm({ address, onDone }: { address?: SavedAddress; onDone: () => void }) {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [fields, setFields] = useState<Record<string, string>>({})
  const prefix = address?.id ?? 'new'

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const body = { ...Object.fromEntries(form), isDefault: form.get('isDefault') === 'on' }
    setBusy(true)
    setError(null)
    setFields({})
    try {
      await postJson(
        address ? `/api/account/addresses/${address.id}` : '/api/account/addresses',
        body,
        address ? 'PUT' : 'POST',
      )
      onDone()
      router.refresh()
    } catch (e) {
      setError((e as Error).message)
      setFields((e as { fields?: Record<string, string> }).fields ?? {})
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className={clsx(borderedCard, 'mt-4 grid gap-4 p-5 sm:grid-cols-2')}
      data-testid="address-form"
    >
      {FIELDS.map((field) => (
        <div key={field.name}>
          <label className={fieldLabel}>
            {field.label}
            <input
              name={field.name}
              autoComplete={`shipping ${field.autoComplete}`}
              required={field.required}
              defaultValue={address?.[field.name] ?? ''}
              aria-invalid={fields[field.name] ? true : undefined}
              aria-describedby={fields[field.name] ? `${prefix}-${field.name}-error` : undefined}
              className={textField}
            />
          </label>
          {/* Outside the label, so the field's name stays its label; the error is its description. */}
          {fields[field.name] && (
            <p id={`${prefix}-${field.name}-error`} className="mt-1 text-sm text-amber-900">
              {fields[field.name]}
            </p>
          )}
        </div>
      ))}
      <label className={fieldLabel}>
        Country
        <select
          name="country"
          autoComplete="shipping country"
          defaultValue={address?.country ?? 'US'}
          className={textField}
        >
          <option value="US">United States</option>
          <option value="CA">Canada</option>
        </select>
      </label>
      <label className="flex items-center gap-2 self-end text-sm text-night">
        <input
          type="checkbox"
          name="isDefault"
          defaultChecked={address?.isDefault ?? false}
          className="h-5 w-5"
        />{' '}
        Use for checkout (default)
      </label>
      <div className="flex flex-wrap gap-3 sm:col-span-2">
        <button type="submit" disabled={busy} className={submitButton}>
          {busy ? 'Saving…' : 'Save address'}
        </button>
        <button type="button" onClick={onDone} className={quietButton}>
          Cancel
        </button>
      </div>
      <div aria-live="polite" className="sm:col-span-2">
        {error && (
          <p role="alert" className={alert}>
            {error}
          </p>
        )}
      </div>
    </form>
  )
}

/** Saved shipping addresses: add, edit, remove, and which one checkout prefills. */
export function AddressBook({ addresses }: { addresses: SavedAddress[] }) {
  const router = useRouter()
  const [editing, setEditing] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function remove(id: string) {
    setError(null)
    try {
      await postJson(`/api/account/addresses/${id}`, {}, 'DELETE')
      router.refresh()
    } catch (e) {
      setError((e as Error).message)
    }
  }

  return (
    <div>
      {addresses.length === 0 && (
        <p className="mt-4 text-night/75">
          No saved addresses. Save one and checkout fills it in for you.
        </p>
      )}
      <ul className="mt-4 space-y-3">
        {addresses.map((address) => (
          <li key={address.id} className={clsx(borderedCard, 'p-5')} data-testid="saved-address">
            {editing === address.id ? (
              <AddressForm address={address} onDone={() => setEditing(null)} />
            ) : (
              <>
                <address className="text-night not-italic">
                  {[
                    address.name,
                    address.line1,
                    address.line2,
                    `${address.city}${address.state ? `, ${address.state}` : ''} ${address.postalCode}`,
                    address.country,
                  ]
                    .filter(Boolean)
                    .map((line) => (
                      <span key={line} className="block">
                        {line}
                      </span>
                    ))}
                </address>
                {address.isDefault && (
                  <p className="mt-2 text-sm font-medium text-indigo">Default for checkout</p>
                )}
                <div className="mt-3 flex gap-3">
                  <button
                    type="button"
                    onClick={() => setEditing(address.id)}
                    className={quietButton}
                  >
                    Edit<span className="sr-only"> {address.line1}</span>
                  </button>
                  <button type="button" onClick={() => remove(address.id)} className={quietButton}>
                    Remove<span className="sr-only"> {address.line1}</span>
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
      {editing === 'new' ? (
        <AddressForm onDone={() => setEditing(null)} />
      ) : (
        <button
          type="button"
          onClick={() => setEditing('new')}
          className={clsx(quietButton, 'mt-4')}
        >
          Add an address
        </button>
      )}
      {error && (
        <p role="alert" className={clsx(alert, 'mt-4')}>
          {error}
        </p>
      )}
    </div>
  )
}

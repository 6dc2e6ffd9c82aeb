'use client'

import { clsx } from 'clsx'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { postJson } from './postJson'
import { alert, quietButton } from '../styles'

/** "Download my data" and "Delete my account" (asked twice: it cannot be undone). */
export function AccountActions() {
  const router = useRouter()
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function remove() {
    setError(null)
    try {
      await postJson('/api/account', {}, 'DELETE')
      router.replace('/')
      router.refresh()
    } catch (e) {
      setError((e as Error).message)
    }
  }

  return (
    <div className="mt-4 space-y-4">
      <p className="text-night/75">
        A copy of your account, addresses and orders, as a JSON file.{' '}
        <a
          href="/api/account/export"
          download
          className="font-medium text-night underline underline-offset-4"
        >
          Download my data
        </a>
      </p>
      <p className="text-night/75">
        Deleting your account signs you out everywhere and removes your addresses; your name, email
        and address are taken out of your orders. The amounts and items stay in the shop’s books.
      </p>
      {confirming ? (
        <div className="flex flex-wrap gap-3" role="group" aria-label="Confirm deletion">
          <button
            type="button"
            onClick={remove}
            className={clsx(
              'rounded-full px-5 py-2 font-medium',
              'bg-amber-800 text-white hover:bg-amber-900',
            )}
          >
            Yes, delete my account
          </button>
          <button type="button" onClick={() => setConfirming(false)} className={quietButton}>
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className={quietButton}>
          Delete my account
        </button>
      )}
      {error && (
        <p role="alert" className={alert}>
          {error}
        </p>
      )}
    </div>
  )
}

'use client'

import { clsx } from 'clsx'
import { useState } from 'react'
import { postJson } from './postJson'
import { alert, borderedCard, quietButton } from '../styles'

type Session = { token: string; createdAt: string; userAgent: string | null; current: boolean }

const date = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
})

/** A short name for the browser a session was made in. */
function browserName(userAgent: string | null) {
  if (!userAgent) return 'Unknown browser'
  const name = /(Firefox|Edg|Chrome|Safari)\//.exec(userAgent)?.[1]
  const device = /(iPhone|iPad|Android|Macintosh|Windows|Linux)/.exec(userAgent)?.[1]
  return [name === 'Edg' ? 'Edge' : name, device].filter(Boolean).join(' on ') || 'A browser'
}

/** Every session of the account: each can be signed out, or all of them at once (this one included). */
export function SessionList({ sessions }: { sessions: Session[] }) {
  const [error, setError] = useState<string | null>(null)

  async function act(url: string, body: unknown, leaves: boolean) {
    setError(null)
    try {
      await postJson(url, body)
      // Reloads what the server now knows: signed out here leads to the sign-in page.
      window.location.assign(leaves ? '/sign-in' : '/account')
    } catch (e) {
      setError((e as Error).message)
    }
  }

  return (
    <div>
      <ul className="mt-4 space-y-3" data-testid="sessions">
        {sessions.map((session) => (
          <li
            key={session.token}
            className={clsx(borderedCard, 'flex flex-wrap items-center justify-between gap-3 p-4')}
          >
            <span className="text-night">
              {browserName(session.userAgent)} · since {date.format(new Date(session.createdAt))}{' '}
              UTC
              {session.current && (
                <strong className="ml-2 text-sm text-indigo">This browser</strong>
              )}
            </span>
            <button
              type="button"
              onClick={() =>
                act(
                  session.current ? '/api/auth/sign-out' : '/api/auth/revoke-session',
                  session.current ? {} : { token: session.token },
                  session.current,
                )
              }
              className={quietButton}
            >
              Sign out
              <span className="sr-only">
                {' '}
                {session.current ? 'of this browser' : browserName(session.userAgent)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => act('/api/auth/revoke-sessions', {}, true)}
        className={clsx(quietButton, 'mt-4')}
      >
        Sign out everywhere
      </button>
      {error && (
        <p role="alert" className={clsx(alert, 'mt-4')}>
          {error}
        </p>
      )}
    </div>
  )
}

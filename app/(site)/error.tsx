'use client'

import { clsx } from 'clsx'
import { button } from '@/components/styles'

export default function ErrorPage({
  reset,
}: {
  error: Error & { digest?: string }
  reset: () => void
}) {
  return (
    <div role="alert" className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="font-serif text-4xl text-night">Something went wrong</h1>
      <p className="mt-4 text-night/70">
        We couldn’t load this page. Please try again in a moment.
      </p>
      <button type="button" onClick={reset} className={clsx('mt-8', button({ size: 'md' }))}>
        Try again
      </button>
    </div>
  )
}

import type { Metadata } from 'next'
import { StudioSignIn } from '@/components/studio/StudioSignIn'
import { config } from '@/lib/env'

export const metadata: Metadata = { title: 'Sign in to the Studio', robots: { index: false } }

/**
 * Only the local Studio asks for this (see lib/studio/access.ts): a sign-in form, or how to get
 * in. It reads nothing from the request: Next renders this boundary with every page, and readers'
 * pages are cached for everyone.
 */
export default function Unauthorized() {
  return (
    <main className="mx-auto max-w-md px-4 py-20 text-center">
      <h1 className="font-serif text-3xl text-night">Restwell Studio</h1>
      {config().localStudioPassword ? (
        <StudioSignIn />
      ) : (
        <>
          <p className="mt-4 text-night/75">
            Open the Studio link that <code>npm run dev</code> (or <code>npm start</code>) printed
            in its terminal. It signs this browser in for 12 hours; other accounts on this machine
            cannot use the Studio.
          </p>
          <p className="mt-4 text-night/75">
            This local Studio opens only in a browser on the machine it runs on. To reach it from
            elsewhere, set LOCAL_STUDIO_PASSWORD and sign in.
          </p>
        </>
      )}
    </main>
  )
}

import type { Metadata } from 'next'
import { StudioSignIn } from '@/components/studio/StudioSignIn'
import { cookies, headers } from 'next/headers'
import { STUDIO_SESSION_COOKIE, studioAccess } from '@/lib/studio/access'

export const metadata: Metadata = { title: 'Sign in to the Studio', robots: { index: false } }

/** Only the local Studio asks for this (see lib/studio/access.ts): a sign-in form, or how to get in. */
export default async function Unauthorized() {
  const access = studioAccess({ headers: await headers() }, (await cookies()).get(STUDIO_SESSION_COOKIE)?.value)
  return (
    <main className="mx-auto max-w-md px-4 py-20 text-center">
      <h1 className="font-serif text-3xl text-night">Restwell Studio</h1>
      {access === 'sign-in' ? (
        <StudioSignIn />
      ) : access === 'link' ? (
        <p className="mt-4 text-night/75">
          Open the Studio link that <code>npm run dev</code> (or <code>npm start</code>) printed in its terminal. It signs this browser in
          for 12 hours; other accounts on this machine cannot use the Studio.
        </p>
      ) : (
        <p className="mt-4 text-night/75">
          This local Studio opens only in a browser on the machine it runs on. To reach it from elsewhere, set LOCAL_STUDIO_PASSWORD and
          sign in.
        </p>
      )}
    </main>
  )
}

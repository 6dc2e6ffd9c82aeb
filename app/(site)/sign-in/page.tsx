import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { SignInForm } from '@/components/account/SignInForm'
import { currentAccount } from '@/lib/accounts/current'

export const metadata: Metadata = {
  title: 'Sign in',
  description: 'Sign in to Restwell with a code sent to your email.',
  robots: { index: false },
}

const one = (value: string | string[] | undefined) =>
  typeof value === 'string' ? value.slice(0, 254) : undefined

/** Per request: a signed-in buyer goes straight to the account page. */
export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  if (await currentAccount()) redirect('/account')
  const params = await searchParams
  return (
    <div className="mx-auto max-w-xl px-4 py-14 sm:px-6">
      <h1 className="font-serif text-4xl text-night">Sign in</h1>
      <p className="mt-3 text-night/75">
        No password: we email you a code. Signing in is never needed to buy; it keeps your orders
        and addresses in one place.
      </p>
      <SignInForm email={one(params.email)} code={one(params.code)} />
    </div>
  )
}

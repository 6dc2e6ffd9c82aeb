import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { ChangeEmailForm } from '@/components/account/ChangeEmailForm'
import { currentAccount } from '@/lib/accounts/current'

export const metadata: Metadata = { title: 'Confirm your new email', robots: { index: false } }

const one = (value: string | string[] | undefined) =>
  typeof value === 'string' ? value.slice(0, 254) : undefined

/** Where the change-of-email code's link leads: the code filled in, confirmed by a press (signed in). */
export default async function ConfirmEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const account = await currentAccount()
  if (!account) redirect('/sign-in')
  const params = await searchParams
  return (
    <div className="mx-auto max-w-xl px-4 py-14 sm:px-6">
      <h1 className="font-serif text-4xl text-night">Confirm your new email</h1>
      <ChangeEmailForm
        current={account.email}
        newEmail={one(params.email)}
        code={one(params.code)}
      />
    </div>
  )
}

'use client'

import { IntentLink } from '../IntentLink'

const LINK =
  'inline-flex min-w-[5.5rem] items-center justify-center rounded-full px-3 py-2 text-sm font-medium text-night/80 hover:bg-night/5 hover:text-night'

/**
 * "Sign in" or "Account" in the header. `signedIn` comes from the browser (the header's JSON
 * endpoint), so a reader's cached page is the same for everyone; while it is not known yet
 * (undefined) a blank of the same width holds the place, so nothing shifts when it arrives.
 */
export function AccountLink({ signedIn }: { signedIn: boolean | undefined }) {
  if (signedIn === undefined)
    return (
      <span aria-hidden="true" className={`${LINK} invisible`} data-testid="account-link-pending">
        Account
      </span>
    )
  return (
    <IntentLink href={signedIn ? '/account' : '/sign-in'} className={LINK} data-testid="account-link">
      {signedIn ? 'Account' : 'Sign in'}
    </IntentLink>
  )
}

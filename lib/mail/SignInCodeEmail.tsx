import { Text } from '@react-email/components'
import { EmailButton, EmailLayout, muted, text } from './layout'

export type CodePurpose = 'sign-in' | 'change-email'

/** The 6-digit code, and a link that fills it in: the same code, so it too works once and expires with it. */
export function SignInCodeEmail({
  code,
  link,
  purpose,
  minutes,
}: {
  code: string
  link: string
  purpose: CodePurpose
  minutes: number
}) {
  const action = purpose === 'sign-in' ? 'sign in to Restwell' : 'confirm your new email address'
  return (
    <EmailLayout preview={`Your Restwell code is ${code}`} heading={`Your code: ${code}`}>
      <Text style={text}>
        Enter this code to {action}. It works once and expires in {minutes} minutes.
      </Text>
      <EmailButton href={link}>
        {purpose === 'sign-in' ? 'Sign in' : 'Confirm this address'}
      </EmailButton>
      <Text style={muted}>
        If you did not ask for this, ignore this email: nothing happens without the code.
      </Text>
    </EmailLayout>
  )
}

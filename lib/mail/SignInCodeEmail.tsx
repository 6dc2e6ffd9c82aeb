import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Html,
  Preview,
  Section,
  Text,
} from '@react-email/components'

const text = { margin: '0', color: '#1f2a44', fontSize: '15px', lineHeight: '22px' }
const muted = { ...text, color: '#5a6275', fontSize: '14px' }

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
    <Html lang="en">
      <Head />
      <Preview>{`Your Restwell code is ${code}`}</Preview>
      <Body style={{ backgroundColor: '#f7f4ee', fontFamily: 'Georgia, serif', padding: '24px 0' }}>
        <Container
          style={{
            backgroundColor: '#ffffff',
            borderRadius: '12px',
            padding: '32px',
            maxWidth: '560px',
          }}
        >
          <Text style={{ ...muted, textTransform: 'uppercase', letterSpacing: '2px' }}>
            Restwell
          </Text>
          <Heading as="h1" style={{ color: '#1f2a44', fontSize: '24px', margin: '8px 0 16px' }}>
            Your code: {code}
          </Heading>
          <Text style={text}>
            Enter this code to {action}. It works once and expires in {minutes} minutes.
          </Text>
          <Section style={{ margin: '28px 0 8px' }}>
            <Button
              href={link}
              style={{
                backgroundColor: '#1f2a44',
                color: '#f7f4ee',
                borderRadius: '999px',
                padding: '12px 22px',
                fontSize: '15px',
              }}
            >
              {purpose === 'sign-in' ? 'Sign in' : 'Confirm this address'}
            </Button>
          </Section>
          <Text style={muted}>
            If you did not ask for this, ignore this email: nothing happens without the code.
          </Text>
        </Container>
      </Body>
    </Html>
  )
}

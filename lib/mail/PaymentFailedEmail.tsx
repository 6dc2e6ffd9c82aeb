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
import { config } from '../env'

const text = { margin: '0', color: '#1f2a44', fontSize: '15px', lineHeight: '22px' }
const muted = { ...text, color: '#5a6275', fontSize: '14px' }

/** To a buyer whose bank debit failed after checkout: nothing was charged, and the items are back on sale. */
export function PaymentFailedEmail() {
  return (
    <Html lang="en">
      <Head />
      <Preview>Your bank did not complete the payment, so nothing was charged</Preview>
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
            Your payment did not go through
          </Heading>
          <Text style={text}>
            Your bank reported that the debit for your recent Restwell order failed, so nothing was
            charged and there is no order. The items we had set aside for you are back on sale.
          </Text>
          <Section style={{ margin: '28px 0 8px' }}>
            <Button
              href={`${config().siteUrl}/cart`}
              style={{
                backgroundColor: '#1f2a44',
                color: '#f7f4ee',
                borderRadius: '999px',
                padding: '12px 22px',
                fontSize: '15px',
              }}
            >
              Order again
            </Button>
          </Section>
        </Container>
      </Body>
    </Html>
  )
}

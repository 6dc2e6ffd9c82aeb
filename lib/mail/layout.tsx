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
import type { ReactNode } from 'react'

// Email clients keep inline styles only, so the brand's type and colours are style objects.
export const text = { margin: '0', color: '#1f2a44', fontSize: '15px', lineHeight: '22px' }
export const muted = { ...text, color: '#5a6275', fontSize: '14px' }

/** Every email's frame: the inbox's preview line, the brand, the heading, then the message. */
export function EmailLayout({
  preview,
  heading,
  children,
}: {
  preview: string
  heading: ReactNode
  children: ReactNode
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
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
            {heading}
          </Heading>
          {children}
        </Container>
      </Body>
    </Html>
  )
}

/** The one thing an email asks the reader to do. */
export function EmailButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: '28px 0 8px' }}>
      <Button
        href={href}
        style={{
          backgroundColor: '#1f2a44',
          color: '#f7f4ee',
          borderRadius: '999px',
          padding: '12px 22px',
          fontSize: '15px',
        }}
      >
        {children}
      </Button>
    </Section>
  )
}

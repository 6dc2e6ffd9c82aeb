import 'server-only'
import nodemailer, { type Transporter } from 'nodemailer'
import { render } from '@react-email/components'
import type { ReactElement } from 'react'
import { config } from '../env'

let transport: Transporter | undefined

/** One SMTP transport per process; MailDev locally, any SMTP server by `SMTP_URL`. */
function mailer() {
  if (!transport) {
    // Short timeouts: a dead SMTP server should fail an attempt quickly; the outbox retries.
    const url = new URL(config().mail.smtpUrl)
    for (const [name, ms] of [
      ['connectionTimeout', 10_000],
      ['greetingTimeout', 10_000],
      ['socketTimeout', 20_000],
    ] as const) {
      if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms))
    }
    transport = nodemailer.createTransport(url.toString())
  }
  return transport
}

/** Sends a react-email template as HTML with a plain-text part; resolves to the Message-ID. */
export async function sendEmail({
  to,
  subject,
  body,
}: {
  to: string
  subject: string
  body: ReactElement
}) {
  const [html, text] = await Promise.all([render(body), render(body, { plainText: true })])
  const info = await mailer().sendMail({ from: config().mail.from, to, subject, html, text })
  return info.messageId
}

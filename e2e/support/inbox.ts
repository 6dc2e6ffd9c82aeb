/** The e2e MailDev inbox, read through its REST API. */
const INBOX = `http://127.0.0.1:${process.env.E2E_MAILDEV_WEB_PORT ?? '1180'}`

export type Email = { subject: string; to: Array<{ address: string }>; html: string; text: string }

export async function emailsMatching(subject: string): Promise<Email[]> {
  const all = (await (await fetch(`${INBOX}/api/email`)).json()) as Email[]
  return all.filter((email) => email.subject.includes(subject))
}

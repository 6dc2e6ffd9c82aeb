import { readInbox, type InboxEmail } from '../../scripts/services'

export { orderLinkIn } from '../../lib/test/inbox'

/** The e2e MailDev inbox (its port in playwright.config.ts). */
const INBOX = `http://127.0.0.1:${process.env.E2E_MAILDEV_WEB_PORT ?? '1180'}`

export async function emailsMatching(subject: string): Promise<InboxEmail[]> {
  return (await readInbox(INBOX)).filter((email) => email.subject.includes(subject))
}

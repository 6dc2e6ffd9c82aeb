import { INBOX_USER, readInbox, type InboxEmail } from '../../scripts/services'
import { localSecret } from './lake'

export { orderLinkIn } from '../../lib/test/inbox'

/** The e2e MailDev inbox (its port in playwright.config.ts), read with the generated credentials. */
const inbox = () => ({
  webUrl: `http://127.0.0.1:${process.env.E2E_MAILDEV_WEB_PORT ?? '1180'}`,
  user: INBOX_USER,
  password: localSecret('MAILDEV_WEB_PASS'),
})

export async function emailsMatching(subject: string): Promise<InboxEmail[]> {
  return (await readInbox(inbox())).filter((email) => email.subject.includes(subject))
}

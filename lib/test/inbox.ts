import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exited, readInbox, startMailDev, stop, type InboxEmail } from '../../scripts/services'
import { freePort } from './free-port'

export type { InboxEmail }

/** The order-page link in an order email (its HTML escapes `&`). */
export function orderLinkIn(email: InboxEmail) {
  const href = /href="([^"]+\/orders\/[^"]+)"/.exec(email.html)?.[1]
  if (!href) throw new Error(`no order link in "${email.subject}"`)
  return new URL(href.replaceAll('&amp;', '&'))
}

/** A MailDev inbox on free ports with a password of its own, read through its REST API. */
export async function startInbox(ports?: { smtp: number; web: number }) {
  const smtp = ports?.smtp ?? (await freePort())
  const web = ports?.web ?? (await freePort())
  const password = randomBytes(12).toString('hex')
  const mail = await startMailDev(
    String(smtp),
    String(web),
    mkdtempSync(join(tmpdir(), 'maildev-')),
    password,
    { reuse: false },
  )
  return {
    ...mail,
    ports: { smtp, web },
    emails: () => readInbox(mail),
    async stop() {
      if (!mail.child) return
      stop(mail.child)
      await exited(mail.child)
    },
  }
}

import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exited, startMailDev, stop } from '../../scripts/services'
import { freePort } from './free-port'

export type InboxEmail = { id: string; subject: string; to: Array<{ address: string }>; html: string; text: string }

/** A MailDev inbox on free ports, read through its REST API. */
export async function startInbox(ports?: { smtp: number; web: number }) {
  const smtp = ports?.smtp ?? (await freePort())
  const web = ports?.web ?? (await freePort())
  const mail = await startMailDev(String(smtp), String(web), mkdtempSync(join(tmpdir(), 'maildev-')), { reuse: false })
  return {
    ...mail,
    ports: { smtp, web },
    async emails(): Promise<InboxEmail[]> {
      return (await fetch(`${mail.webUrl}/api/email`)).json()
    },
    async stop() {
      if (!mail.child) return
      stop(mail.child)
      await exited(mail.child)
    },
  }
}

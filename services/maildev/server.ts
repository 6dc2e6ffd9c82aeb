import { createAPIServer } from '@maildev/api'
import { FileStorage } from '@maildev/core'
import { createSMTPServer } from '@maildev/smtp'
import { registerUI } from '@maildev/ui/server'
import { INBOX_HEALTH_PATH, healthAnswer } from '../shared/health'

export type InboxOptions = {
  smtpPort: number
  webPort: number
  mailDir: string
  /** The web UI's and REST API's basic-auth credentials; the password also keys the health proof. */
  user: string
  password: string
}

/**
 * MailDev, the local inbox, put together from its packages as its own CLI does, with what the CLI
 * cannot set: no CORS at all (MailDev's default answers every origin, with credentials, so any web
 * page could read the mail) and a health answer that proves it is this project's. Both servers
 * listen on 127.0.0.1 only; the web UI and API ask for the generated credentials.
 */
export async function startInbox(options: InboxOptions) {
  const storage = new FileStorage({ mailDirectory: options.mailDir })
  await storage.initialize()
  const smtp = createSMTPServer({
    port: options.smtpPort,
    host: '127.0.0.1',
    storage,
    mailDir: options.mailDir,
    logger: false,
  })
  await smtp.start()
  await smtp.loadMailsFromDirectory()
  const api = createAPIServer({
    port: options.webPort,
    host: '127.0.0.1',
    storage,
    smtp,
    auth: { type: 'basic', user: options.user, pass: options.password },
    cors: { origin: false, credentials: false },
  })
  // Registered before MailDev's own hooks, so it answers without the credentials it must not send to a stranger.
  api.server.addHook('onRequest', async (request, reply) => {
    const url = new URL(request.url, 'http://inbox.local')
    if (url.pathname === INBOX_HEALTH_PATH) return reply.send(healthAnswer(options.password, url))
  })
  await api.registerPlugins()
  await registerUI(api.server)
  await api.listen()
  return {
    async close() {
      await api.stop()
      await smtp.stop()
      await storage.close()
    },
  }
}

import { resolve } from 'node:path'
import { closeOnSignals, privateFiles, requiredEnv } from '../shared/service-main'
import { startInbox } from './server'

/** Starts the local MailDev inbox from environment variables. */
privateFiles()
const env = process.env
const required = requiredEnv('maildev')

const inbox = await startInbox({
  smtpPort: Number(env.MAILDEV_SMTP_PORT ?? 1025),
  webPort: Number(env.MAILDEV_WEB_PORT ?? 1080),
  mailDir: resolve(env.MAILDEV_DATA_DIR ?? '.data/maildev'),
  user: required('MAILDEV_WEB_USER'),
  password: required('MAILDEV_WEB_PASS'),
})
console.log(
  `[maildev] SMTP on 127.0.0.1:${env.MAILDEV_SMTP_PORT ?? 1025}, inbox on http://127.0.0.1:${env.MAILDEV_WEB_PORT ?? 1080}`,
)
closeOnSignals(inbox)

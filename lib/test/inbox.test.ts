import nodemailer from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startInbox } from './inbox'

describe('the local MailDev inbox', () => {
  let inbox: Awaited<ReturnType<typeof startInbox>>
  beforeAll(async () => {
    inbox = await startInbox()
    await nodemailer.createTransport(inbox.smtpUrl).sendMail({
      from: 'shop@example.com',
      to: 'buyer@example.com',
      subject: 'Order 1',
      text: 'hi',
    })
  })
  afterAll(() => inbox?.stop())

  it('answers its REST API only with the generated credentials', async () => {
    const anonymous = await fetch(`${inbox.webUrl}/api/email`)
    expect(anonymous.status).toBe(401)
    const wrong = await fetch(`${inbox.webUrl}/api/email`, {
      headers: { authorization: `Basic ${btoa('restwell:guess')}` },
    })
    expect(wrong.status).toBe(401)
    expect((await inbox.emails()).map((email) => email.subject)).toEqual(['Order 1'])
  })

  it('lets no other web page read it: no CORS headers for a foreign origin', async () => {
    const credentials = `Basic ${btoa(`${inbox.user}:${inbox.password}`)}`
    const read = await fetch(`${inbox.webUrl}/api/email`, {
      headers: { authorization: credentials, origin: 'https://evil.example' },
    })
    expect(read.headers.get('access-control-allow-origin')).toBeNull()
    expect(read.headers.get('access-control-allow-credentials')).toBeNull()
    const preflight = await fetch(`${inbox.webUrl}/api/email`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
  })
})

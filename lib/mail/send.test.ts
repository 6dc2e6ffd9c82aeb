import { createServer, type AddressInfo, type Server } from 'node:net'
import { createElement } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'

/** An SMTP server that offers no STARTTLS and accepts whatever it is sent, noting each command. */
async function plainSmtpServer() {
  const commands: string[] = []
  const server: Server = createServer((socket) => {
    let inData = false
    socket.write('220 plain.example ESMTP\r\n')
    socket.on('data', (chunk) => {
      for (const line of chunk.toString().split('\r\n').filter(Boolean)) {
        if (inData) {
          if (line !== '.') continue
          inData = false
          socket.write('250 queued\r\n')
          continue
        }
        const verb = line.split(/[ :]/)[0].toUpperCase()
        commands.push(verb)
        inData = verb === 'DATA'
        if (verb === 'EHLO') socket.write('250-plain.example\r\n250 8BITMIME\r\n')
        else if (verb === 'DATA') socket.write('354 go on\r\n')
        else if (verb === 'STARTTLS') socket.write('454 TLS not available\r\n')
        else if (verb === 'QUIT') socket.end('221 bye\r\n')
        else socket.write('250 ok\r\n')
      }
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`,
    commands,
    close: () => server.close(),
  }
}

async function send(smtpUrl: string) {
  vi.resetModules()
  vi.stubEnv('RESTWELL_LOCAL_ENV', '/nonexistent/local.env')
  vi.stubEnv('SMTP_URL', smtpUrl)
  const { sendEmail } = await import('./send')
  return sendEmail({
    to: 'buyer@example.com',
    subject: 'Your order',
    body: createElement('p', null, 'Thank you'),
  })
}

afterEach(() => vi.unstubAllEnvs())

describe('sendEmail', () => {
  it('honours requireTLS=true in SMTP_URL: a server without STARTTLS gets no message', async () => {
    const smtp = await plainSmtpServer()
    try {
      await expect(send(`${smtp.url}?requireTLS=true`)).rejects.toThrow()
      expect(smtp.commands).toContain('STARTTLS')
      expect(smtp.commands).not.toContain('MAIL')
    } finally {
      smtp.close()
    }
  })

  it('sends in the clear over a plain smtp:// URL without it (what production refuses)', async () => {
    const smtp = await plainSmtpServer()
    try {
      await expect(send(smtp.url)).resolves.toMatch(/^<[0-9a-f-]+@restwell\.local>$/)
      expect(smtp.commands).toContain('MAIL')
    } finally {
      smtp.close()
    }
  })
})

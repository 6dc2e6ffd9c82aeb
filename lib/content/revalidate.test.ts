import { encodeSignatureHeader } from '@sanity/webhook'
import { describe, expect, it, vi } from 'vitest'
import { handleContentWebhook, verifyContentWebhook, WEBHOOK_MAX_AGE_MS } from './revalidate'

const SECRET = 'revalidate-secret-0123456789'
const body = JSON.stringify({ _id: 'article-1', _type: 'article' })

describe('verifyContentWebhook', () => {
  it('accepts a fresh, correctly signed delivery once, and refuses the same delivery again', async () => {
    const now = Date.now()
    const header = await encodeSignatureHeader(body, now, SECRET)
    const act = vi.fn(async () => undefined)
    expect(await handleContentWebhook(body, header, SECRET, act, now)).toBe('ok')
    expect(await handleContentWebhook(body, header, SECRET, act, now + 1000)).toBe('replay')
    expect(act).toHaveBeenCalledTimes(1)
  })

  it('records a delivery as handled only once acting on it succeeded, so a retry after a failed bump is acted on', async () => {
    const now = Date.now()
    const header = await encodeSignatureHeader(body, now, SECRET)
    const failing = vi.fn(async () => {
      throw new Error('PostgreSQL is down')
    })
    await expect(handleContentWebhook(body, header, SECRET, failing, now)).rejects.toThrow(
      'PostgreSQL is down',
    )
    expect(await verifyContentWebhook(body, header, SECRET, now + 1000)).toBe('ok')
    const bump = vi.fn(async () => undefined)
    expect(await handleContentWebhook(body, header, SECRET, bump, now + 2000)).toBe('ok')
    expect(bump).toHaveBeenCalledTimes(1)
    expect(await handleContentWebhook(body, header, SECRET, bump, now + 3000)).toBe('replay')
  })

  it('refuses a delivery signed more than five minutes ago, though the signature is right', async () => {
    const signedAt = Date.now() - WEBHOOK_MAX_AGE_MS - 1
    const header = await encodeSignatureHeader(body, signedAt, SECRET)
    expect(await verifyContentWebhook(body, header, SECRET)).toBe('stale')
  })

  it('refuses a signature from another secret, over another body, or malformed', async () => {
    const now = Date.now()
    expect(
      await verifyContentWebhook(
        body,
        await encodeSignatureHeader(body, now, 'another-secret-0123456789'),
        SECRET,
        now,
      ),
    ).toBe('invalid')
    expect(
      await verifyContentWebhook(
        `${body} `,
        await encodeSignatureHeader(body, now + 1, SECRET),
        SECRET,
        now,
      ),
    ).toBe('invalid')
    expect(await verifyContentWebhook(body, 't=1,v1=abc', SECRET, now)).toBe('invalid')
    expect(await verifyContentWebhook(body, null, SECRET, now)).toBe('invalid')
  })
})

import { payOnHostedPage } from '../../services/stripe-local/test/harness'
import { SITE } from './stack'

/** The address client number `index` sends as X-Forwarded-For: a private, non-loopback one. */
export const shopperAddress = (index: number) =>
  `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`

/** One buyer: their own address (X-Forwarded-For) and cart cookie, talking to the store over HTTP. */
export class Shopper {
  private cookie = ''
  readonly address: string

  /** `site`: which instance this buyer's requests reach (a load balancer's choice). */
  constructor(
    index: number,
    private readonly site = SITE,
  ) {
    this.address = shopperAddress(index)
  }

  async request(method: string, path: string, body?: unknown) {
    const res = await fetch(`${this.site}${path}`, {
      method,
      headers: {
        'x-forwarded-for': this.address,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const setCookie = res.headers.get('set-cookie')
    const match = setCookie && /rw_cart=([^;]*)/.exec(setCookie)
    if (match) this.cookie = `rw_cart=${match[1]}`
    const json = (await res.json().catch(() => null)) as Record<string, unknown> | null
    return { status: res.status, json, retryAfter: res.headers.get('retry-after') }
  }

  add(productId: string, variantKey: string, quantity = 1) {
    return this.request('POST', '/api/cart', { productId, variantKey, quantity })
  }

  async checkout(): Promise<{ status: number; url?: string; sessionId?: string; error?: string }> {
    const { status, json } = await this.request('POST', '/api/checkout')
    return {
      status,
      url: json?.url as string | undefined,
      sessionId: json?.sessionId as string | undefined,
      error: json?.error as string | undefined,
    }
  }

  pay(url: string) {
    return payOnHostedPage(url)
  }
}

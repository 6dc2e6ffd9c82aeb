import { NextRequest } from 'next/server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { priceCart } from '../cart/pricing'
import { startCheckout } from '../checkout/start'
import { orderById } from '../orders/records'
import { cartWith, startBuyingStack } from '../test/buying-stack'
import { newClient } from '../test/clients'
import { eventually } from '../test/eventually'
import { startInbox } from '../test/inbox'
import { payOnHostedPage } from '../../services/stripe-local/test/harness'

/**
 * Sign-in with an emailed code, against the store's PostgreSQL, the local Stripe and MailDev:
 * the requests go through the same route handler the app serves (its limits included).
 */
let stack: Awaited<ReturnType<typeof startBuyingStack>>
let inbox: Awaited<ReturnType<typeof startInbox>>
const SITE = 'http://localhost:3999'
const PILLOW = { productId: 'product-cooling-pillow', variantKey: 'standard' }
/** The email payOnHostedPage pays with. */
const BUYER = 'buyer@example.com'

beforeAll(async () => {
  inbox = await startInbox()
  stack = await startBuyingStack({ smtpUrl: inbox.smtpUrl })
  await stack.setStock(PILLOW.productId, PILLOW.variantKey, 100)
})
afterAll(async () => {
  await stack.stop()
  await inbox.stop()
})

let clients = 0
/** Each test speaks from its own address, so one test's requests do not spend another's budget. */
const freshClient = () => `10.27.0.${++clients}`

type Answer = {
  status: number
  body: Record<string, unknown>
  retryAfter: string | null
  cookie: string | null
}

async function authCall(
  path: string,
  body: unknown,
  { client = '10.27.1.1', cookie }: { client?: string; cookie?: string } = {},
) {
  const { POST } = await import('@/app/api/auth/[...all]/route')
  const res = await POST(
    new NextRequest(`${SITE}/api/auth${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: SITE,
        'x-forwarded-for': client,
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(body),
    }),
  )
  const session = res.headers.getSetCookie().find((c) => /session_token=[^;]/.test(c))
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    retryAfter: res.headers.get('retry-after'),
    cookie: session ? session.split(';')[0] : null,
  } satisfies Answer
}

const askCode = (email: string, client: string) =>
  authCall('/email-otp/send-verification-otp', { email, type: 'sign-in' }, { client })
const signIn = (email: string, otp: string, client: string) =>
  authCall('/sign-in/email-otp', { email, otp }, { client })

/** The newest code mailed to `email` after `seen` earlier ones. */
async function codeFor(email: string, seen = 0) {
  const mails = await eventually(
    `code email ${seen + 1} to ${email}`,
    async () =>
      (await inbox.emails()).filter(
        (m) => m.to.some((t) => t.address === email) && /: \d{6}$/.test(m.subject),
      ),
    (found) => found.length > seen,
  )
  return /: (\d{6})$/.exec(mails[mails.length - 1].subject)![1]
}
const codesSentTo = async (email: string) =>
  (await inbox.emails()).filter(
    (m) => m.to.some((t) => t.address === email) && /: \d{6}$/.test(m.subject),
  ).length

const accountOf = async (email: string) =>
  (await stack.query<{ id: string }>('select id from auth_users where email = $1', [email]))[0]?.id

async function signedIn(email: string) {
  const client = freshClient()
  const before = await codesSentTo(email)
  expect((await askCode(email, client)).status).toBe(200)
  const answer = await signIn(email, await codeFor(email, before), client)
  expect(answer.status).toBe(200)
  return answer.cookie!
}

async function guestOrder() {
  const cart = await cartWith([PILLOW])
  const { url, sessionId } = await startCheckout(cart, await priceCart(cart), newClient())
  expect((await payOnHostedPage(url)).status).toBe(303)
  return eventually(
    `order for ${sessionId}`,
    () => orderById(`order-${sessionId}`),
    (order) => order !== null,
  )
}

describe('asking for a code', () => {
  it('answers the same for an address with an account and one without', async () => {
    const known = 'known@example.com'
    await signedIn(known)
    const forKnown = await askCode(known, freshClient())
    const forUnknown = await askCode('nobody-here@example.com', freshClient())
    expect(forKnown).toEqual(forUnknown)
    expect(forKnown.status).toBe(200)
    expect(forKnown.body).toEqual({ success: true })
    // Both are mailed a code: the answer and the mail alike tell nothing of who has an account.
    await codeFor('nobody-here@example.com')
  })

  it('mails at most five codes to one address an hour, whichever clients ask', async () => {
    const email = 'flooded@example.com'
    const statuses = []
    for (let i = 0; i < 7; i++) statuses.push((await askCode(email, freshClient())).status)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429])
    const refused = await askCode(email, freshClient())
    expect(refused.retryAfter).toBe('3600')
  })
})

describe('the code', () => {
  it('signs in once: the same code again is refused with the one message for every wrong code', async () => {
    const email = 'once@example.com'
    const client = freshClient()
    await askCode(email, client)
    const code = await codeFor(email)
    const first = await signIn(email, code, client)
    expect(first.status).toBe(200)
    expect(first.cookie).toMatch(/^restwell\.session_token=.+/)
    expect(first.body).toEqual({ signedIn: true })
    const again = await signIn(email, code, client)
    expect(again.status).toBe(400)
    expect(again.body.error).toBe(
      'That code is not right, or it has expired or been used. Check it, or ask for a new code.',
    )
    expect(again.cookie).toBeNull()
  })

  it('expires', async () => {
    const email = 'late@example.com'
    const client = freshClient()
    await askCode(email, client)
    const code = await codeFor(email)
    await stack.query(
      `update auth_verifications set expires_at = now() - interval '1 second' where identifier like $1`,
      [`%${email}%`],
    )
    const late = await signIn(email, code, client)
    expect(late.status).toBe(400)
    expect(late.body.error).toMatch(/expired/)
    expect(await accountOf(email)).toBeUndefined()
  })

  it('stops working after three wrong tries: 429 with Retry-After, even for the right code', async () => {
    const email = 'guesser@example.com'
    const client = freshClient()
    await askCode(email, client)
    const code = await codeFor(email)
    const wrong = code === '000000' ? '111111' : '000000'
    const tries = []
    for (let i = 0; i < 3; i++) tries.push((await signIn(email, wrong, client)).status)
    expect(tries).toEqual([400, 400, 400])
    const right = await signIn(email, code, client)
    expect(right.status).toBe(429)
    expect(Number(right.retryAfter)).toBeGreaterThan(0)
    expect(right.cookie).toBeNull()
  })

  it('limits sign-in steps per client, whatever the email', async () => {
    const client = freshClient()
    const statuses = []
    for (let i = 0; i < 12; i++)
      statuses.push((await signIn(`spray${i}@example.com`, '123456', client)).status)
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400))
    expect(statuses.slice(10)).toEqual([429, 429])
  })
})

describe('sessions', () => {
  it('reads a forged cookie as signed out, and a signed-out session as signed out', async () => {
    const { accountFromHeaders } = await import('./current')
    expect(await accountFromHeaders(new Headers())).toBeNull()
    expect(
      await accountFromHeaders(new Headers({ cookie: 'restwell.session_token=forged.value' })),
    ).toBeNull()
    const cookie = await signedIn('leaving@example.com')
    expect((await accountFromHeaders(new Headers({ cookie })))?.email).toBe('leaving@example.com')
    expect((await authCall('/sign-out', {}, { cookie })).status).toBe(200)
    expect(await accountFromHeaders(new Headers({ cookie }))).toBeNull()
    // A step that needs the session says so, rather than calling the code wrong.
    const late = await authCall(
      '/email-otp/change-email',
      { newEmail: 'elsewhere@example.com', otp: '123456' },
      { cookie, client: freshClient() },
    )
    expect(late).toMatchObject({
      status: 401,
      body: { error: 'You are signed out. Sign in again.' },
    })
  })

  it('refuses a body over the limit even when it comes without a Content-Length', async () => {
    const { POST } = await import('@/app/api/auth/[...all]/route')
    const big = JSON.stringify({ email: `${'a'.repeat(20_000)}@example.com`, type: 'sign-in' })
    // A stream has no length to declare, as with a chunked upload.
    const chunked = new Request(`${SITE}/api/auth/email-otp/send-verification-otp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: SITE },
      body: new Blob([big]).stream(),
      duplex: 'half', // a streamed body must say so (undici)
    } as RequestInit)
    const res = await POST(new NextRequest(chunked))
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({ error: 'Request body must be at most 16384 bytes' })
  })

  it('are shared by two instances: a session made on one is read, and revoked, on the other', async () => {
    const cookie = await signedIn('two@example.com')
    // A second instance: fresh modules (its own Better Auth, pool and limiters) on the same database.
    vi.resetModules()
    const other = await import('./current')
    expect((await other.accountFromHeaders(new Headers({ cookie })))?.email).toBe('two@example.com')
    expect((await authCall('/revoke-sessions', {}, { cookie })).status).toBe(200)
    expect(await other.accountFromHeaders(new Headers({ cookie }))).toBeNull()
  })

  it('are listed on a session signed in days ago, as on a new one', async () => {
    const email = 'returning@example.com'
    const cookie = await signedIn(email)
    await stack.query(
      "update auth_sessions set created_at = now() - interval '3 days' where user_id = $1",
      [await accountOf(email)],
    )
    const { auth } = await import('./auth')
    const sessions = await auth().api.listSessions({ headers: new Headers({ cookie }) })
    expect(sessions.map((session) => session.userId)).toEqual([await accountOf(email)])
  })

  it('share limits across instances: the code budget spent on one is spent on the other', async () => {
    const email = 'shared-budget@example.com'
    for (let i = 0; i < 5; i++) expect((await askCode(email, freshClient())).status).toBe(200)
    vi.resetModules()
    expect((await askCode(email, freshClient())).status).toBe(429)
  })
})

describe('orders', () => {
  it('become the account’s only once the email is verified, earlier and later ones alike', async () => {
    const earlier = await guestOrder()
    expect(earlier?.accountId).toBeNull()
    // Asking for a code proves nothing: the order stays a guest's.
    const client = freshClient()
    await askCode(BUYER, client)
    expect((await orderById(earlier!.id))?.accountId).toBeNull()
    expect((await signIn(BUYER, await codeFor(BUYER), client)).status).toBe(200)
    const account = await accountOf(BUYER)
    expect(account).toMatch(/.+/)
    expect((await orderById(earlier!.id))?.accountId).toBe(account)
    // A later guest order with the verified email joins the account.
    const later = await guestOrder()
    expect(later?.accountId).toBe(account)
  })

  it('move to a new email only with the code sent there, and orders placed with it (any case) join', async () => {
    const cookie = await signedIn('old-address@example.com')
    const account = await accountOf('old-address@example.com')
    await stack.query(
      `insert into orders (id, session_id, order_number, status, currency, amount_subtotal, amount_total, email)
       values ('order-cs_mixed_case', 'cs_mixed_case', 'RW-MIXED01', 'paid', 'usd', 2400, 2400, 'New-Address@Example.com')`,
    )
    const client = freshClient()
    const asked = await authCall(
      '/email-otp/request-email-change',
      { newEmail: 'new-address@example.com' },
      { client, cookie },
    )
    expect(asked.status).toBe(200)
    // Not moved yet, and the order is nobody's until the new address is proven.
    expect(await accountOf('new-address@example.com')).toBeUndefined()
    expect((await orderById('order-cs_mixed_case'))?.accountId).toBeNull()
    const code = await codeFor('new-address@example.com')
    const wrong = await authCall(
      '/email-otp/change-email',
      { newEmail: 'new-address@example.com', otp: code === '000000' ? '111111' : '000000' },
      { client, cookie },
    )
    expect(wrong.status).toBe(400)
    const moved = await authCall(
      '/email-otp/change-email',
      { newEmail: 'new-address@example.com', otp: code },
      { client, cookie },
    )
    expect(moved.status).toBe(200)
    expect(await accountOf('new-address@example.com')).toBe(account)
    expect((await orderById('order-cs_mixed_case'))?.accountId).toBe(account)
  })
})

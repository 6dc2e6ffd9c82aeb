import { afterEach, describe, expect, it } from 'vitest'
import { LOCAL_EDITOR } from '../routes/studio'
import { READ_TOKEN, WRITE_TOKEN } from './harness'
import { presenceClient } from './presence-client'
import { lakeForSuite } from './suite'

/** The Studio's presence socket on the lake: what two tabs on one dataset hear of each other. */
const STORE = 'http://localhost:3100'
const lake = lakeForSuite(undefined, { corsOrigins: `${STORE};credentials` })

const socketUrl = (dataset = 'production') =>
  `${lake.url.replace(/^http/, 'ws')}/v2022-06-30/socket/${dataset}?tag=sanity.studio`
const EDITOR = { authorization: `Bearer ${WRITE_TOKEN}` }

const open: ReturnType<typeof presenceClient>[] = []
function tab(headers: Record<string, string> = EDITOR, dataset?: string) {
  const client = presenceClient(socketUrl(dataset), headers)
  open.push(client)
  return client
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((client) => client.close()))
})

/** A tab that has connected and subscribed, as the Studio's presence store does first. */
async function subscribedTab(dataset?: string) {
  const client = tab(EDITOR, dataset)
  expect(await client.opened).toBe(101)
  const subscription = await client.call('presence_subscribe')
  expect(subscription.result).toMatch(/^presence-\d+$/)
  return { ...client, subscription: subscription.result as string }
}

const LOCATIONS = [
  {
    type: 'document',
    documentId: 'article-1',
    path: ['title'],
    lastActiveAt: '2026-12-07T10:00:00.000Z',
  },
]

describe('presence socket', () => {
  it("relays one tab's roll call, state and goodbye to the other tabs on the dataset, as the editor who sent them", async () => {
    const a = await subscribedTab()
    const b = await subscribedTab()

    expect((await a.call('presence_rollcall', { session: 'session-a' })).result).toBe(true)
    const rollCall = await b.event('rollCall')
    expect(rollCall.params).toEqual({
      subscription: b.subscription,
      result: { type: 'rollCall', i: LOCAL_EDITOR.id, session: 'session-a' },
    })

    expect(
      (
        await b.call('presence_announce', {
          data: { sessionId: 'session-b', locations: LOCATIONS },
        })
      ).result,
    ).toBe(true)
    expect((await a.event('state')).params?.result).toEqual({
      type: 'state',
      i: LOCAL_EDITOR.id,
      m: { sessionId: 'session-b', locations: LOCATIONS },
    })

    expect((await b.call('presence_disconnect', { session: 'session-b' })).result).toBe(true)
    expect((await a.event('disconnect')).params?.result).toEqual({
      type: 'disconnect',
      i: LOCAL_EDITOR.id,
      m: { session: 'session-b' },
    })
  })

  it('echoes to the sender too, as Sanity does: the Studio leaves its own session out itself', async () => {
    const a = await subscribedTab()
    await a.call('presence_rollcall', { session: 'session-a' })
    expect((await a.event('rollCall')).params?.result).toEqual({
      type: 'rollCall',
      i: LOCAL_EDITOR.id,
      session: 'session-a',
    })
  })

  it('says goodbye for a tab whose socket closes without saying it', async () => {
    const a = await subscribedTab()
    const b = await subscribedTab()
    await b.call('presence_announce', { data: { sessionId: 'session-b', locations: LOCATIONS } })
    await a.event('state')
    await b.close()
    expect((await a.event('disconnect')).params?.result).toEqual({
      type: 'disconnect',
      i: LOCAL_EDITOR.id,
      m: { session: 'session-b' },
    })
  })

  it('keeps datasets apart, and stops relaying to a subscription that was ended', async () => {
    const a = await subscribedTab()
    const elsewhere = await subscribedTab('staging')
    const b = await subscribedTab()
    expect((await b.call('presence_unsubscribe', { subscriptionId: b.subscription })).result).toBe(
      true,
    )

    await a.call('presence_rollcall', { session: 'session-a' })
    expect((await a.event('rollCall')).params?.result).toMatchObject({ session: 'session-a' })
    // One socket keeps order: had the first roll call reached these tabs, it would come before their own.
    await elsewhere.call('presence_rollcall', { session: 'session-elsewhere' })
    expect((await elsewhere.event('rollCall')).params?.result).toMatchObject({
      session: 'session-elsewhere',
    })
    await b.call('presence_rollcall', { session: 'session-b' })
    await b.call('authorization')
    expect(b.heard()).toEqual([])
    expect((await a.event('rollCall')).params?.result).toMatchObject({ session: 'session-b' })
  })

  it('answers JSON-RPC errors for what it cannot take', async () => {
    const a = await subscribedTab()
    expect(
      (await a.call('presence_announce', { data: { locations: 'nowhere' } })).error?.code,
    ).toBe(-32602)
    expect((await a.call('presence_rollcall')).error?.code).toBe(-32602)
    expect((await a.call('documents_delete')).error?.code).toBe(-32601)
    a.send('not json')
    expect((await a.next((message) => message.id === null)).error?.code).toBe(-32700)
    // The token was checked at the handshake; the client's own authorization call is answered.
    expect((await a.call('authorization', { authorization: `Bearer ${WRITE_TOKEN}` })).result).toBe(
      true,
    )
  })

  it('opens only for the write token, from no origin or one on the CORS list, addressed to a loopback name', async () => {
    expect(await tab({}).opened).toBe(401)
    expect(await tab({ authorization: `Bearer ${READ_TOKEN}` }).opened).toBe(401)
    expect(await tab({ authorization: 'Bearer guessed' }).opened).toBe(401)
    expect(await tab({ ...EDITOR, origin: 'https://evil.example' }).opened).toBe(403)
    expect(await tab({ ...EDITOR, origin: STORE }).opened).toBe(101)
    expect(await tab({ ...EDITOR, host: 'rebound.example' }).opened).toBe(421)
    expect(
      await presenceClient(
        `${lake.url.replace(/^http/, 'ws')}/v2022-06-30/data/query/production`,
        EDITOR,
      ).opened,
    ).toBe(404)
  })
})

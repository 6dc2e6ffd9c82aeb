import WebSocket from 'ws'

/** What a presence socket sends: replies to requests, and subscription messages. */
type RpcMessage = {
  id?: string | number | null
  result?: unknown
  error?: { code: number; message: string }
  method?: string
  params?: { subscription: string; result: Record<string, unknown> }
}

/**
 * A Studio tab's presence socket, as a test drives it: `call` sends a JSON-RPC request and
 * resolves with its reply, `next` waits for the first message (already received or to come)
 * that matches, and `opened` resolves with the HTTP status the handshake got.
 */
export function presenceClient(url: string, headers: Record<string, string>) {
  const ws = new WebSocket(url, { headers })
  const received: RpcMessage[] = []
  const waiting: {
    match: (message: RpcMessage) => boolean
    resolve: (message: RpcMessage) => void
  }[] = []
  let counter = 0

  ws.on('message', (data) => {
    const text = data.toString()
    if (text === '♥') return
    const message = JSON.parse(text) as RpcMessage
    const waiter = waiting.findIndex(({ match }) => match(message))
    if (waiter >= 0) waiting.splice(waiter, 1)[0].resolve(message)
    else received.push(message)
  })

  const opened = new Promise<number>((resolve) => {
    ws.once('open', () => resolve(101))
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      ws.terminate()
    })
    ws.once('error', () => resolve(0))
  })

  function next(match: (message: RpcMessage) => boolean, timeoutMs = 5000) {
    const index = received.findIndex(match)
    if (index >= 0) return Promise.resolve(received.splice(index, 1)[0])
    return new Promise<RpcMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching presence message')), timeoutMs)
      waiting.push({
        match,
        resolve: (message) => {
          clearTimeout(timer)
          resolve(message)
        },
      })
    })
  }

  return {
    ws,
    opened,
    next,
    /** The events a subscription has heard so far, without waiting. */
    heard: () =>
      received
        .filter((message) => message.method === 'presence_subscription')
        .map((message) => message.params!.result),
    send: (text: string) => ws.send(text),
    async call(method: string, params: Record<string, unknown> = {}) {
      const id = `r${++counter}`
      ws.send(
        JSON.stringify({ jsonrpc: '2.0', method, params: { ...params, apiVersion: 'v1' }, id }),
      )
      return next((message) => message.id === id)
    },
    /** The next presence event of a given type, as the Studio's subscription receives it. */
    event: (type: string) =>
      next(
        (message) =>
          message.method === 'presence_subscription' && message.params?.result.type === type,
      ),
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve()
        ws.once('close', () => resolve())
        ws.close()
      }),
  }
}

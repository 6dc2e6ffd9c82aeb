import { createServer, type IncomingMessage } from 'node:http'
import { databaseMisconfiguration } from '../lib/db/errors'
import { migrateDatabase } from '../lib/db/migrate'
import { config, type AppConfig } from '../lib/env'
import './resolve-server-only'

/**
 * The store's HTTP server, behind `npm start` and `npm run dev`: `tsx scripts/serve.ts start|dev [-p port]`.
 * It listens on HOST (default 127.0.0.1) and PORT or `-p` (default 3000), and ends every
 * request's X-Forwarded-For with the socket's peer before Next sees it: `next start` keeps a
 * header the client wrote and adds the peer only when none came, so the chain that
 * lib/http/client.ts counts from the right would end with whatever a client claims.
 */
const [command, ...args] = process.argv.slice(2)
if (command !== 'start' && command !== 'dev') {
  console.error('usage: serve.ts start|dev [-p port]')
  process.exit(2)
}
const dev = command === 'dev'
// As `next start`/`next dev` set it, and before Next and React load: they pick their builds by it.
Object.assign(process.env, {
  NODE_ENV: process.env.NODE_ENV || (dev ? 'development' : 'production'),
})

// A configuration that is incomplete or unsafe stops the start here, each variable named.
let cfg: AppConfig
try {
  cfg = config()
} catch (error) {
  console.error(`[serve] ${(error as Error).message}`)
  process.exit(1)
}

const portFlag = args.indexOf('-p')
const port = portFlag >= 0 ? Number(args[portFlag + 1]) : cfg.server.port
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`[serve] -p wants a port number, not ${args[portFlag + 1]}`)
  process.exit(2)
}
const { host } = cfg.server

// The schema first: a migration that fails stops the start, so nothing runs on half a schema.
try {
  await migrateDatabase(cfg.database.migrationUrl, {
    environment: cfg.environment,
    ca: cfg.database.caCert,
  })
} catch (error) {
  console.error(
    `[serve] database migration failed: ${databaseMisconfiguration(error) ?? (error as Error).message}`,
  )
  process.exit(1)
}

/** The incoming chain, then the peer as the socket gives it (lib/http/client.ts normalises each entry, `::ffff:1.2.3.4` included). */
function forwardedFor(req: IncomingMessage) {
  const incoming = [req.headers['x-forwarded-for'] ?? []]
    .flat()
    .flatMap((header) => header.split(','))
    .map((entry) => entry.trim())
    .filter(Boolean)
  return [...incoming, req.socket.remoteAddress ?? 'unknown'].join(', ')
}

// Server-only modules (they hold the Studio's secrets), loaded once server-only resolves.
const { studioLinkPath } = await import('../lib/studio/access')
const { isStudioSocket, proxyStudioSocket } = await import('../lib/studio/socket')

const server = createServer()
// Next listens for WebSocket upgrades (its dev HMR socket) on this server, which never listens:
// the upgrade hook below hands it each upgrade that is not the local Studio's presence socket.
// Listening beside this hook, Next would end the presence socket (its path is an app route).
const nextUpgrades = createServer()
const { default: next } = await import('next')
const app = next({
  dev,
  dir: process.cwd(),
  hostname: host,
  port,
  httpServer: nextUpgrades,
  turbopack: dev,
})
const handle = app.getRequestHandler()
await app.prepare()
server.on('request', (req, res) => {
  req.headers['x-forwarded-for'] = forwardedFor(req)
  void handle(req, res)
})
server.on('upgrade', (req, socket, head) => {
  req.headers['x-forwarded-for'] = forwardedFor(req)
  if (cfg.sanity.mode === 'local' && isStudioSocket(req)) proxyStudioSocket(req, socket, head)
  // Next starts listening with its first request; an upgrade before that has no one to answer it.
  else if (!nextUpgrades.emit('upgrade', req, socket, head)) socket.destroy()
})
server.on('error', (error) => {
  console.error(`[serve] ${error.message}`)
  process.exit(1)
})
server.listen(port, host, () => {
  console.log(
    `[serve] ${dev ? 'development' : 'production'} server on http://${host.includes(':') ? `[${host}]` : host}:${port}`,
  )
  // The local Studio opens in the browser that follows this link (lib/studio/access.ts); only this terminal shows it.
  const studio = cfg.sanity.mode === 'local' ? studioLinkPath() : null
  if (studio)
    console.log(
      `[serve] the Studio, in a browser on this machine: http://localhost:${port}${studio}`,
    )
})

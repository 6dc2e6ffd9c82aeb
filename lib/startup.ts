import { basename } from 'node:path'
import { config } from './env'

/**
 * Runs as the server boots (instrumentation.ts), so a start that cannot run safely stops before
 * it serves anyone: the configuration (lib/env.ts names what is missing or unsafe), and how the
 * server was started. In production `next start` is refused: it keeps an X-Forwarded-For the
 * client wrote and adds the socket's peer only when none came, so rate limits would count
 * whatever address a client claims; `npm start` (scripts/serve.ts) appends the peer. Only a
 * process that is `next start` is refused: Vercel and the serverless adapters never run it, and
 * write the header themselves.
 */
export function refuseUnsafeStart(argv: readonly string[] = process.argv) {
  try {
    const { production } = config()
    if (production && basename(argv[1] ?? '') === 'next' && argv[2] === 'start') {
      throw new Error(
        "Refusing to serve through `next start`: it trusts an X-Forwarded-For written by the client. Use `npm start` (scripts/serve.ts), which appends the socket's peer.",
      )
    }
  } catch (error) {
    // Next only logs a throw from register() and answers every request with a 500 from a live process.
    console.error(`[startup] ${(error as Error).message}`)
    process.exit(1)
  }
}

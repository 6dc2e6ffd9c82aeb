import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AssetStore } from './assets'
import type { LakeConfig } from './config'
import type { CorsPolicy } from './cors'
import type { Dataset } from './dataset'
import { unauthorized } from './errors'
import { needsToken, parsePerspective, type Perspective } from './perspective'

export type Access = 'none' | 'read' | 'write'

/** A listener stream that multiplexes many listen URLs (see routes/listen.ts). */
type MuxStream = { res: ServerResponse; access: Access; subs: Map<string, () => void> }

/** What every handler shares: configuration, datasets, asset files and the lake's mutable state. */
export type Lake = {
  config: LakeConfig
  cors: CorsPolicy
  assets: AssetStore
  /** The named dataset, opened on first use; 404 for an invalid name. */
  dataset(name: string | undefined): Dataset
  /** Test control: the share of mutations answered with a 429. */
  faults: { refuseMutations: number }
  muxStreams: Map<string, MuxStream>
}

/** One request under a `/v<version>` prefix, with the caller's access from its bearer token. */
export type ApiContext = {
  lake: Lake
  req: IncomingMessage
  res: ServerResponse
  url: URL
  apiVersion: string
  access: Access
}

/** One request outside the versioned API (health, public asset files). */
export type RootContext = Pick<ApiContext, 'lake' | 'req' | 'res' | 'url'>

export function accessOf(req: IncomingMessage, config: LakeConfig): Access {
  const header = req.headers.authorization ?? ''
  const token = header.startsWith('Bearer ') ? header.slice(7) : ''
  if (!token) return 'none'
  if (safeEqual(token, config.writeToken)) return 'write'
  if (safeEqual(token, config.readToken)) return 'read'
  throw unauthorized('Session not found: the token is not valid for this project')
}

export function requireRead(ctx: ApiContext) {
  if (ctx.access === 'none' && !ctx.lake.config.publicReads)
    throw unauthorized('This dataset is private: reading requires a token')
}

export function requireWrite(ctx: ApiContext, description: string) {
  if (ctx.access !== 'write') throw unauthorized(description)
}

export function perspectiveOf(ctx: ApiContext): Perspective {
  requireRead(ctx)
  const perspective = parsePerspective(ctx.url.searchParams.get('perspective'), ctx.apiVersion)
  if (needsToken(perspective) && ctx.access === 'none') {
    throw unauthorized('Reading drafts or raw documents requires a token')
  }
  return perspective
}

function safeEqual(a: string, b: string) {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

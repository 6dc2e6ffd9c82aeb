import type { CorsOrigin } from './cors'

export type LakeConfig = {
  port: number
  host: string
  dataDir: string
  projectId: string
  /** Base URL that asset `url`s point at (what a browser can reach). */
  publicUrl?: string
  readToken: string
  writeToken: string
  /**
   * Like a public Sanity dataset: anonymous clients may read published documents. Off by default,
   * because orders (emails, addresses) live in the same dataset: the store reads with its token.
   */
  publicReads?: boolean
  /** The project's CORS list: browser origins that may call the API (none when absent). */
  corsOrigins?: CorsOrigin[]
  /** Signed change notifications for published documents, like a GROQ-powered webhook. */
  webhook?: { url: string; secret: string }
  /** Imported into `dataset` when that dataset is empty at startup. */
  seed?: { dataset: string; path: string }
}

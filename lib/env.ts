import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import { z } from 'zod'

/**
 * The one place that reads configuration. Real mode is chosen by setting SANITY_PROJECT_ID;
 * otherwise the app talks to the local Content Lake, whose tokens live in `.data/local.env`
 * under the same names real mode uses.
 */
const LOCAL_ENV_FILE = join(process.cwd(), '.data', 'local.env')

const schema = z
  .object({
    SANITY_PROJECT_ID: z.string().regex(/^[a-z0-9-]+$/).optional(),
    SANITY_DATASET: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/).default('production'),
    SANITY_API_VERSION: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default('2025-02-19'),
    SANITY_API_READ_TOKEN: z.string().min(1).optional(),
    SANITY_API_WRITE_TOKEN: z.string().min(1).optional(),
    LAKE_URL: z.url().default('http://127.0.0.1:3030'),
    SITE_URL: z.url().default('http://localhost:3000'),
  })
  .transform((env) => {
    const local = !env.SANITY_PROJECT_ID
    return {
      mode: local ? ('local' as const) : ('real' as const),
      siteUrl: env.SITE_URL.replace(/\/$/, ''),
      sanity: {
        projectId: env.SANITY_PROJECT_ID ?? 'local',
        dataset: env.SANITY_DATASET,
        apiVersion: env.SANITY_API_VERSION,
        readToken: env.SANITY_API_READ_TOKEN,
        writeToken: env.SANITY_API_WRITE_TOKEN,
        /** Only set locally: @sanity/client then skips the project hostname, which Node cannot resolve. */
        apiHost: local ? env.LAKE_URL.replace(/\/$/, '') : undefined,
        imageBaseUrl: local ? env.LAKE_URL.replace(/\/$/, '') : 'https://cdn.sanity.io',
      },
    }
  })

export type AppConfig = z.output<typeof schema>

function readLocalEnvFile(): Record<string, string> {
  return existsSync(LOCAL_ENV_FILE) ? (parseEnv(readFileSync(LOCAL_ENV_FILE, 'utf8')) as Record<string, string>) : {}
}

let cached: AppConfig | undefined

export function config(): AppConfig {
  if (cached) return cached
  const real = Boolean(process.env.SANITY_PROJECT_ID)
  const source = real ? process.env : { ...readLocalEnvFile(), ...process.env }
  const parsed = schema.safeParse(source)
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`)
  }
  cached = parsed.data
  return cached
}

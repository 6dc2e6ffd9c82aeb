import { afterEach, describe, expect, it, vi } from 'vitest'

async function loadConfig(env: Record<string, string | undefined>) {
  vi.resetModules()
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value as string)
  const { config } = await import('./env')
  return config()
}

afterEach(() => vi.unstubAllEnvs())

describe('config', () => {
  it('uses the local lake when no Sanity project is configured', async () => {
    const cfg = await loadConfig({ SANITY_PROJECT_ID: undefined, LAKE_URL: 'http://127.0.0.1:3131' })
    expect(cfg.mode).toBe('local')
    expect(cfg.sanity).toMatchObject({ projectId: 'local', apiHost: 'http://127.0.0.1:3131', imageBaseUrl: 'http://127.0.0.1:3131' })
  })

  it('talks to real Sanity when SANITY_PROJECT_ID is set', async () => {
    const cfg = await loadConfig({ SANITY_PROJECT_ID: 'abc123', SANITY_DATASET: 'staging', SANITY_API_WRITE_TOKEN: 'sk-real' })
    expect(cfg.mode).toBe('real')
    expect(cfg.sanity).toMatchObject({ projectId: 'abc123', dataset: 'staging', apiHost: undefined, imageBaseUrl: 'https://cdn.sanity.io', writeToken: 'sk-real' })
  })

  it('rejects invalid values with a readable message', async () => {
    await expect(loadConfig({ SANITY_PROJECT_ID: 'Not Valid!' })).rejects.toThrow(/SANITY_PROJECT_ID/)
  })
})

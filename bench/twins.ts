import { rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { onCleanup } from './cleanup'

/**
 * Static twins of readers' pages: `public/bench-twin-<name>.html`, a copy of the page's HTML as
 * the server sends it, so the file is the same size and compresses the same. The throughput row
 * compares a page with its twin, served by the same server (a small icon would flatter the file).
 * Next lists `public/` when it starts, so the server must be restarted after they are written.
 * They are removed when the bench ends, however it ends.
 */
export type Twin = { page: string; file: string; bytes: number }

const twinPath = (name: string) => `/bench-twin-${name}.html`
const written = new Set<string>()

onCleanup(removeTwins)

export async function writeTwins(
  site: string,
  pages: Record<string, string>,
): Promise<Record<string, Twin>> {
  const twins: Record<string, Twin> = {}
  for (const [name, page] of Object.entries(pages)) {
    const res = await fetch(`${site}${page}`)
    const html = Buffer.from(await res.arrayBuffer())
    if (!res.ok) throw new Error(`${page} answered ${res.status}; no twin to write`)
    const file = resolve('public', twinPath(name).slice(1))
    writeFileSync(file, html)
    written.add(file)
    twins[name] = { page, file: twinPath(name), bytes: html.length }
  }
  return twins
}

/** Checks that the server serves each twin with exactly the page's size: the proof it was listed at start. */
export async function checkTwins(site: string, twins: Record<string, Twin>) {
  for (const twin of Object.values(twins)) {
    const res = await fetch(`${site}${twin.file}`, { headers: { 'accept-encoding': 'identity' } })
    const bytes = (await res.arrayBuffer()).byteLength
    if (!res.ok || bytes !== twin.bytes)
      throw new Error(`${twin.file} answered ${res.status} with ${bytes} bytes, not ${twin.bytes}`)
  }
}

function removeTwins() {
  for (const file of written) rmSync(file, { force: true })
  written.clear()
}

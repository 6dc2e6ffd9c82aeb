import { readdirSync, readFileSync } from 'node:fs'

/**
 * Peak resident memory of a process tree, by polling /proc (a build forks workers, so the
 * root's own RSS says little). Shared pages are counted once per process, as `ps` would.
 */
function parentOf(pid: string): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name is in parentheses and may contain spaces: fields resume after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? null
  } catch {
    return null
  }
}

function rssBytes(pid: string): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : 0
  } catch {
    return 0 // exited between listing and reading
  }
}

function treeRss(root: number): number {
  const children = new Map<string, string[]>()
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const parent = parentOf(pid)
    if (parent) children.set(parent, [...(children.get(parent) ?? []), pid])
  }
  let total = 0
  const queue = [String(root)]
  while (queue.length > 0) {
    const pid = queue.pop()!
    total += rssBytes(pid)
    queue.push(...(children.get(pid) ?? []))
  }
  return total
}

/** Samples the tree every `intervalMs` until stopped; returns the highest total seen. */
export function watchPeakRss(root: number, intervalMs = 200) {
  let peak = 0
  const sample = () => void (peak = Math.max(peak, treeRss(root)))
  sample()
  const timer = setInterval(sample, intervalMs)
  return () => {
    clearInterval(timer)
    return peak
  }
}

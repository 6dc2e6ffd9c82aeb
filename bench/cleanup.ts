import type { ChildProcess } from 'node:child_process'
import { stop } from '../scripts/services'

/**
 * Everything the bench starts is registered here and torn down on any way out: normal end, a
 * crash, or Ctrl-C. Exit handlers must be synchronous, so teardown only sends signals.
 */
const tasks = new Set<() => void>()

export function onCleanup(task: () => void) {
  tasks.add(task)
  return () => void tasks.delete(task)
}

/** Registers a child that leads its own process group (spawned `detached`); returns its stopper. */
export function track(child: ChildProcess | null) {
  const forget = onCleanup(() => stop(child))
  return () => {
    forget()
    stop(child)
  }
}

export function cleanupAll() {
  for (const task of [...tasks].reverse()) {
    try {
      task()
    } catch {
      // keep going: the rest must still be stopped
    }
  }
  tasks.clear()
}

process.on('exit', cleanupAll)
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    cleanupAll()
    process.exit(130)
  })
}

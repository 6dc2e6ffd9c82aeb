import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'

export type SanityDocument = { _id: string; _type: string; _rev?: string; [key: string]: unknown }

/** One committed transaction as persisted: the after-image of every document it touched. */
export type CommittedTransaction = {
  transactionId: string
  timestamp: string
  changes: Array<{ id: string; before: SanityDocument | null; after: SanityDocument | null }>
}

const COMPACT_AFTER_ENTRIES = 2000

/**
 * One dataset's documents, kept in memory and made durable in `.data/`:
 * `<dataset>.ndjson` is a snapshot in `sanity dataset export` format, written atomically
 * (temp file + fsync + rename); `<dataset>.log.ndjson` is an append-only log of transactions
 * since that snapshot, fsynced before a write is acknowledged. Startup loads the snapshot and
 * replays the log; a torn final log line (a crash mid-append) was never acknowledged and is dropped.
 */
export class DatasetStore {
  readonly docs = new Map<string, SanityDocument>()
  /** Bumped on every commit; lets readers cache derived views. */
  version = 0
  private readonly snapshotPath: string
  private readonly logPath: string
  private logFd: number | null = null
  private logEntries = 0
  private pending: string[] = []
  private flushWaiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = []
  private flushScheduled = false

  constructor(
    dir: string,
    readonly name: string,
  ) {
    mkdirSync(dir, { recursive: true })
    this.snapshotPath = join(dir, `${name}.ndjson`)
    this.logPath = join(dir, `${name}.log.ndjson`)
    this.load()
  }

  get isEmpty() {
    return this.docs.size === 0
  }

  get(id: string) {
    return this.docs.get(id) ?? null
  }

  all() {
    return [...this.docs.values()]
  }

  /**
   * Applies a transaction in memory at once (so the next transaction sees it and ordering is
   * decided synchronously) and resolves when it is on disk. Concurrent commits share one fsync.
   */
  commit(tx: CommittedTransaction): Promise<void> {
    for (const { id, after } of tx.changes) {
      if (after) this.docs.set(id, after)
      else this.docs.delete(id)
    }
    this.version++
    const line = JSON.stringify({
      tx: tx.transactionId,
      ts: tx.timestamp,
      docs: tx.changes.map(({ id, after }) => ({ id, doc: after })),
    })
    this.pending.push(line)
    return new Promise((resolve, reject) => {
      this.flushWaiters.push({ resolve, reject })
      if (!this.flushScheduled) {
        this.flushScheduled = true
        setImmediate(() => this.flush())
      }
    })
  }

  private flush() {
    this.flushScheduled = false
    const lines = this.pending
    const waiters = this.flushWaiters
    this.pending = []
    this.flushWaiters = []
    try {
      const fd = this.openLog()
      writeSync(fd, lines.map((l) => l + '\n').join(''))
      fsyncSync(fd)
      this.logEntries += lines.length
      if (this.logEntries >= COMPACT_AFTER_ENTRIES) this.compact()
      for (const w of waiters) w.resolve()
    } catch (error) {
      for (const w of waiters) w.reject(error)
    }
  }

  /** Writes a fresh snapshot and starts an empty log. Safe to crash at any point. */
  compact() {
    const tmp = `${this.snapshotPath}.tmp-${process.pid}`
    const fd = openSync(tmp, 'w')
    try {
      // Write in slices so a large dataset does not need one giant string.
      let buffer = ''
      for (const doc of this.docs.values()) {
        buffer += JSON.stringify(doc) + '\n'
        if (buffer.length > 1 << 20) {
          writeSync(fd, buffer)
          buffer = ''
        }
      }
      writeSync(fd, buffer)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, this.snapshotPath)
    // Replaying the old log over the new snapshot is harmless (after-images), so a crash
    // between the rename and the truncate loses nothing.
    if (this.logFd !== null) closeSync(this.logFd)
    this.logFd = openSync(this.logPath, 'w')
    fsyncSync(this.logFd)
    this.logEntries = 0
  }

  close() {
    if (this.logFd !== null) {
      closeSync(this.logFd)
      this.logFd = null
    }
  }

  private openLog() {
    if (this.logFd === null) this.logFd = openSync(this.logPath, 'a')
    return this.logFd
  }

  private load() {
    if (existsSync(this.snapshotPath)) {
      for (const line of readLines(this.snapshotPath)) {
        const doc = JSON.parse(line) as SanityDocument
        this.docs.set(doc._id, doc)
      }
    }
    if (!existsSync(this.logPath)) return
    const lines = readLines(this.logPath)
    lines.forEach((line, index) => {
      let entry: { docs: Array<{ id: string; doc: SanityDocument | null }> }
      try {
        entry = JSON.parse(line)
      } catch (error) {
        if (index === lines.length - 1) return // torn tail from a crash mid-append
        throw error
      }
      for (const { id, doc } of entry.docs) {
        if (doc) this.docs.set(id, doc)
        else this.docs.delete(id)
      }
    })
    this.logEntries = lines.length
    // Start from a clean snapshot so a torn tail never sits in front of new appends.
    this.compact()
  }
}

function readLines(path: string) {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
}

/**
 * Sync tags this instance has just heard a publish change, from its own subscription to the live
 * events (lake-proxy-hub.ts). The live action (server-action.ts) expires only these, each once per
 * event: a caller that names any other tag, or one already expired, flushes nothing from the cache.
 */
export class SeenTags {
  private readonly seen = new Map<string, number>()

  constructor(
    private readonly ttlMs = 60_000,
    private readonly capacity = 10_000,
    private readonly now = Date.now,
  ) {}

  record(tags: readonly string[]) {
    const until = this.now() + this.ttlMs
    for (const tag of tags) {
      this.seen.delete(tag) // re-inserted last, so the oldest entry is always first
      this.seen.set(tag, until)
    }
    for (const [tag, expiry] of this.seen) {
      if (this.seen.size <= this.capacity && expiry > this.now()) break
      this.seen.delete(tag)
    }
  }

  /** The tags among `tags` heard within the last minute and not taken yet; they are taken now. */
  take(tags: readonly string[]): string[] {
    const now = this.now()
    return tags.filter((tag) => {
      const expiry = this.seen.get(tag)
      if (expiry === undefined) return false
      this.seen.delete(tag)
      return expiry > now
    })
  }
}

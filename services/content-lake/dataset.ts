import { ListenerHub } from './listeners'
import { applyPerspective, type Perspective } from './perspective'
import { runGroq } from './query'
import { DatasetStore, type CommittedTransaction, type SanityDocument } from './store'
import { planTransaction, type MutationResult } from './transaction'

export type CommitOptions = { transactionId?: string; autoGenerateArrayKeys?: boolean; dryRun?: boolean }

/** A dataset: its durable store, its listeners, and transactions run strictly one at a time. */
export class Dataset {
  readonly store: DatasetStore
  readonly listeners = new ListenerHub()
  private queue: Promise<unknown> = Promise.resolve()
  private publishing: Promise<unknown> = Promise.resolve()
  private publishedCache: { version: number; docs: SanityDocument[] } | null = null
  /** Called after each durable commit (webhooks). */
  onCommit?: (tx: CommittedTransaction) => void

  constructor(
    dir: string,
    readonly name: string,
    private readonly projectId: string,
  ) {
    this.store = new DatasetStore(dir, name)
  }

  view(perspective: Perspective): SanityDocument[] {
    const all = this.store.all()
    if (perspective.kind === 'raw') return all
    const publishedOnly = perspective.layers.length === 1
    if (publishedOnly && this.publishedCache?.version === this.store.version) return this.publishedCache.docs
    const docs = applyPerspective(all, perspective)
    if (publishedOnly) this.publishedCache = { version: this.store.version, docs }
    return docs
  }

  /** `anonymous`: as at Sanity, a document whose id has a path (`orders.…`) is never served without a token. */
  query(query: string, params: Record<string, unknown>, perspective: Perspective, { anonymous = false } = {}) {
    const docs = this.view(perspective)
    return runGroq(query, params, anonymous ? docs.filter((doc) => !doc._id.includes('.')) : docs, {
      projectId: this.projectId,
      dataset: this.name,
    })
  }

  /**
   * Plans and applies a transaction while holding the dataset's lock (so a concurrent
   * transaction never plans against a stale document), then waits for it to be durable
   * before the caller acknowledges it and listeners hear of it.
   */
  async mutate(
    mutations: unknown | ((read: (id: string) => SanityDocument | null) => unknown),
    options: CommitOptions = {},
  ): Promise<{ transactionId: string; results: MutationResult[] }> {
    const planned = await this.exclusive(async () => {
      const read = (id: string) => this.store.get(id)
      // A builder sees the documents as they are inside the lock (the Actions API needs this).
      const list = typeof mutations === 'function' ? mutations(read) : mutations
      const plan = await planTransaction(
        list,
        read,
        async (query, params) => {
          const ids = await this.query(query, params, { kind: 'raw' })
          return Array.isArray(ids) ? ids.map((doc) => (doc as SanityDocument)._id).filter(Boolean) : []
        },
        options,
      )
      if (options.dryRun || plan.changes.length === 0) return { plan, durable: Promise.resolve() }
      return { plan, durable: this.store.commit(plan) }
    })
    await planned.durable
    const { plan } = planned
    if (!options.dryRun && plan.changes.length > 0) {
      // Events go out in commit order, so listeners see an unbroken _rev chain.
      this.publishing = this.publishing.then(() => this.listeners.publish(plan, plan.mutationsById))
      await this.publishing
      this.onCommit?.(plan)
    }
    return { transactionId: plan.transactionId, results: plan.results }
  }

  close() {
    this.listeners.closeAll()
    this.store.close()
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }
}

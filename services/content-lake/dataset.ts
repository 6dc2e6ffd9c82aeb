import { ListenerHub } from './listeners'
import { LiveEvents } from './live-events'
import { applyPerspective, type Perspective } from './perspective'
import { runGroq } from './query'
import { DatasetStore, type CommittedTransaction, type SanityDocument } from './store'
import {
  queryDependencies,
  referenceIndex,
  syncTagsOf,
  type ReferenceIndex,
  type SyncTag,
} from './sync-tags'
import { planTransaction, type MutationResult } from './transaction'

/** Sanity's rule for dataset names, which also keeps them safe as file names. */
export const DATASET_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/

export type CommitOptions = {
  transactionId?: string
  autoGenerateArrayKeys?: boolean
  dryRun?: boolean
}

/** A dataset: its durable store, its listeners, and transactions run strictly one at a time. */
export class Dataset {
  readonly store: DatasetStore
  readonly listeners = new ListenerHub()
  readonly live = new LiveEvents()
  private queue: Promise<unknown> = Promise.resolve()
  private publishing: Promise<unknown> = Promise.resolve()
  private publishedCache: { version: number; docs: SanityDocument[] } | null = null
  /** Per view (the published view is one array per store version): which types reference which. */
  private referenceIndexes = new WeakMap<SanityDocument[], ReferenceIndex>()
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
    if (publishedOnly && this.publishedCache?.version === this.store.version)
      return this.publishedCache.docs
    const docs = applyPerspective(all, perspective)
    if (publishedOnly) this.publishedCache = { version: this.store.version, docs }
    return docs
  }

  /**
   * The query's result and its sync tags (sync-tags.ts). `anonymous`: as at Sanity, a document
   * whose id has a path (`orders.…`) is never served without a token.
   */
  async query(
    query: string,
    params: Record<string, unknown>,
    perspective: Perspective,
    { anonymous = false } = {},
  ): Promise<{ result: unknown; syncTags: SyncTag[] }> {
    const view = this.view(perspective)
    const docs = anonymous ? view.filter((doc) => !doc._id.includes('.')) : view
    const { result, tree } = await runGroq(query, params, docs, {
      projectId: this.projectId,
      dataset: this.name,
    })
    const syncTags = syncTagsOf(queryDependencies(tree), () => {
      let index = this.referenceIndexes.get(docs)
      if (!index) this.referenceIndexes.set(docs, (index = referenceIndex(docs)))
      return index
    })
    return { result, syncTags }
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
          const { result: ids } = await this.query(query, params, { kind: 'raw' })
          return Array.isArray(ids)
            ? ids.map((doc) => (doc as SanityDocument)._id).filter(Boolean)
            : []
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
      this.live.record(plan)
      this.onCommit?.(plan)
    }
    return { transactionId: plan.transactionId, results: plan.results }
  }

  close() {
    this.listeners.closeAll()
    this.live.closeAll()
    this.store.close()
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }
}

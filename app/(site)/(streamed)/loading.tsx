import { clsx } from 'clsx'
import { CardGridSkeleton } from '@/components/CardGridSkeleton'
import { pageColumn } from '@/components/styles'

/**
 * Search and the cart, rendered per request, stream behind this skeleton. Every other page sits
 * outside the group. Cached pages (home, the article list) are whole when served, so a boundary
 * would only put the skeleton first: React reveals streamed content no sooner than 300 ms after
 * the first paint, and a reader would see the skeleton flash on every view. Pages that can be
 * missing (articles, products, the catalogue, checkout and orders) must answer a real 404, which
 * a loading boundary's early 200 would prevent.
 */
export default function Loading() {
  return (
    <div className={clsx(pageColumn, 'animate-pulse py-12')} aria-busy="true" aria-label="Loading">
      <div className="h-10 w-2/3 rounded-lg bg-night/10" />
      <div className="mt-4 h-5 w-1/2 rounded bg-night/10" />
      <div className="mt-10">
        <CardGridSkeleton />
      </div>
    </div>
  )
}

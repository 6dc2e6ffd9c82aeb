import { clsx } from 'clsx'
import { CardGridSkeleton } from '@/components/CardGridSkeleton'
import { pageColumn } from '@/components/styles'

/**
 * The pages readers browse, with a skeleton while they load. Pages that can be missing sit outside
 * this group (articles, products and the catalogue, checkout and orders): once a loading boundary
 * has streamed, the status is 200, so a missing page there could never answer 404.
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

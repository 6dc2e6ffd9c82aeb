import type { StockState } from '@/lib/catalog/stock'

const STYLES: Record<Exclude<StockState['kind'], 'unknown'>, string> = {
  in_stock: 'bg-sage/25 text-night',
  low: 'bg-amber-100 text-amber-900',
  sold_out: 'bg-stone-200 text-stone-700',
}

export function stockLabel(state: StockState) {
  if (state.kind === 'sold_out') return 'Sold out'
  if (state.kind === 'low') return `Only ${state.left} left`
  return 'In stock'
}

export function StockBadge({ state }: { state: StockState }) {
  if (state.kind === 'unknown') return null
  return (
    <span
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ${STYLES[state.kind]}`}
      data-stock={state.kind}
    >
      {stockLabel(state)}
    </span>
  )
}

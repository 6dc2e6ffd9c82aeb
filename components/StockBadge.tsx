import { clsx } from 'clsx'
import type { StockState } from '@/lib/catalog/stock'
import { badgeTone } from './styles'

const STYLES: Record<Exclude<StockState['kind'], 'unknown'>, string> = {
  in_stock: badgeTone.good,
  low: badgeTone.warning,
  sold_out: badgeTone.neutral,
}

function stockLabel(state: StockState) {
  if (state.kind === 'sold_out') return 'Sold out'
  if (state.kind === 'low') return `Only ${state.left} left`
  return 'In stock'
}

export function StockBadge({ state }: { state: StockState }) {
  if (state.kind === 'unknown') return null
  return (
    <span
      className={clsx(
        'inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium',
        STYLES[state.kind],
      )}
      data-stock={state.kind}
    >
      {stockLabel(state)}
    </span>
  )
}

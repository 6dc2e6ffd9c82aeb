import { clsx } from 'clsx'
import { badgeTone } from './styles'

const LABELS: Record<string, { label: string; style: string }> = {
  paid: { label: 'Paid', style: badgeTone.good },
  refund_pending: { label: 'Being refunded', style: badgeTone.warning },
  refunded: { label: 'Refunded', style: badgeTone.warning },
  partially_refunded: { label: 'Partly refunded', style: badgeTone.warning },
  disputed: { label: 'Payment disputed', style: badgeTone.warning },
  dispute_lost: { label: 'Payment reversed', style: badgeTone.neutral },
  cancelled: { label: 'Cancelled', style: badgeTone.neutral },
}

export function OrderStatus({ status }: { status: string | null }) {
  const known = LABELS[status ?? ''] ?? {
    label: 'Processing',
    style: badgeTone.neutral,
  }
  return (
    <span
      className={clsx('inline-flex rounded-full px-3 py-1 text-sm font-medium', known.style)}
      data-testid="order-status"
      data-status={status ?? ''}
    >
      {known.label}
    </span>
  )
}

const LABELS: Record<string, { label: string; style: string }> = {
  paid: { label: 'Paid', style: 'bg-sage/25 text-night' },
  refund_pending: { label: 'Being refunded', style: 'bg-amber-100 text-amber-900' },
  refunded: { label: 'Refunded', style: 'bg-amber-100 text-amber-900' },
  partially_refunded: { label: 'Partly refunded', style: 'bg-amber-100 text-amber-900' },
  disputed: { label: 'Payment disputed', style: 'bg-amber-100 text-amber-900' },
  dispute_lost: { label: 'Payment reversed', style: 'bg-stone-200 text-stone-700' },
  cancelled: { label: 'Cancelled', style: 'bg-stone-200 text-stone-700' },
}

export function OrderStatus({ status }: { status: string | null }) {
  const known = LABELS[status ?? ''] ?? {
    label: 'Processing',
    style: 'bg-stone-200 text-stone-700',
  }
  return (
    <span
      className={`inline-flex rounded-full px-3 py-1 text-sm font-medium ${known.style}`}
      data-testid="order-status"
      data-status={status ?? ''}
    >
      {known.label}
    </span>
  )
}

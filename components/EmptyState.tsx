import { clsx } from 'clsx'
import Link from 'next/link'
import { button } from './styles'

export function EmptyState({
  title,
  body,
  action,
}: {
  title: string
  body: string
  action?: { href: string; label: string }
}) {
  return (
    <div
      className={clsx(
        'mt-10 rounded-2xl p-10 text-center',
        'border border-dashed border-night/20 bg-white/60',
      )}
    >
      <p className="font-serif text-xl text-night">{title}</p>
      <p className="mt-2 text-night/70">{body}</p>
      {action && (
        <Link href={action.href} className={clsx('mt-6 inline-flex', button({ size: 'md' }))}>
          {action.label}
        </Link>
      )}
    </div>
  )
}

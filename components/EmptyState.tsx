import Link from 'next/link'

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
    <div className="mt-10 rounded-2xl border border-dashed border-night/20 bg-white/60 p-10 text-center">
      <p className="font-serif text-xl text-night">{title}</p>
      <p className="mt-2 text-night/70">{body}</p>
      {action && (
        <Link
          href={action.href}
          className="mt-6 inline-flex rounded-full bg-night px-5 py-2.5 text-sm font-medium text-cream"
        >
          {action.label}
        </Link>
      )}
    </div>
  )
}

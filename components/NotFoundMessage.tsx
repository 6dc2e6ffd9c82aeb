import Link from 'next/link'

export function NotFoundMessage() {
  return (
    <div className="mx-auto max-w-xl px-4 py-24 text-center">
      <p className="text-sm font-medium tracking-widest text-indigo uppercase">404</p>
      <h1 className="mt-3 font-serif text-4xl text-night">We couldn’t find that page</h1>
      <p className="mt-4 text-night/70">It may have moved, or the link may be mistyped.</p>
      <div className="mt-8 flex justify-center gap-3">
        <Link
          href="/articles"
          className="rounded-full bg-night px-5 py-2.5 text-sm font-medium text-cream"
        >
          Read our sleep guides
        </Link>
        <Link
          href="/products"
          className="rounded-full px-5 py-2.5 text-sm font-medium text-night ring-1 ring-night/20"
        >
          Shop
        </Link>
      </div>
    </div>
  )
}

import Link from 'next/link'
import { button, eyebrow } from './styles'

export function NotFoundMessage() {
  return (
    <div className="mx-auto max-w-xl px-4 py-24 text-center">
      <p className={eyebrow}>404</p>
      <h1 className="mt-3 font-serif text-4xl text-night">We couldn’t find that page</h1>
      <p className="mt-4 text-night/70">It may have moved, or the link may be mistyped.</p>
      <div className="mt-8 flex justify-center gap-3">
        <Link href="/articles" className={button({ size: 'md' })}>
          Read our sleep guides
        </Link>
        <Link href="/products" className={button({ tone: 'outline', size: 'md' })}>
          Shop
        </Link>
      </div>
    </div>
  )
}

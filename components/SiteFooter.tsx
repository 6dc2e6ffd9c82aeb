import { clsx } from 'clsx'
import Link from 'next/link'
import { pageColumn } from './styles'

export function SiteFooter() {
  return (
    <footer className="mt-24 bg-night text-cream/80">
      <div className={clsx(pageColumn, 'grid gap-8 py-12 sm:grid-cols-3')}>
        <div>
          <p className="font-serif text-lg text-cream">Restwell</p>
          <p className="mt-2 text-sm">
            Evidence-minded sleep guides, and the few things we think help.
          </p>
        </div>
        <nav aria-label="Footer">
          <ul className="space-y-2 text-sm">
            <li>
              <Link href="/articles" className="hover:text-cream">
                Sleep guides
              </Link>
            </li>
            <li>
              <Link href="/products" className="hover:text-cream">
                Shop all products
              </Link>
            </li>
            <li>
              <Link href="/orders" className="hover:text-cream">
                Find my order
              </Link>
            </li>
          </ul>
        </nav>
        <p className="text-xs leading-relaxed text-cream/60">
          Our articles are for general information, not medical advice. Talk to your doctor about
          symptoms that affect your sleep.
        </p>
      </div>
    </footer>
  )
}

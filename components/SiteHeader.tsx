import { clsx } from 'clsx'
import { CartBadge } from './cart/CartBadge'
import { IntentLink } from './IntentLink'
import { SearchForm } from './SearchForm'
import { headerIcon, headerLink, pageColumn } from './styles'

const NAV = [
  { href: '/articles', label: 'Sleep guides', short: 'Guides' },
  { href: '/products', label: 'Shop', short: 'Shop' },
  { href: '/search', label: 'Search', short: 'Search', mobileOnly: true },
]

/** The same for every visitor, so the pages that hold it can be cached: the cart count fills in in the browser. */
export function SiteHeader() {
  return (
    <header className="sticky top-0 z-40 border-b border-night/10 bg-cream/90 backdrop-blur">
      <div className={clsx(pageColumn, 'flex h-16 items-center justify-between gap-2')}>
        <IntentLink
          href="/"
          className="flex items-center gap-2 font-serif text-xl text-night"
          aria-label="Restwell home"
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6 fill-indigo">
            <path d="M14.5 2.5a9.5 9.5 0 1 0 7 15.9A8 8 0 0 1 14.5 2.5Z" />
          </svg>
          Restwell
        </IntentLink>
        <SearchForm name="Search the site" inputId="site-search" compact />
        <nav aria-label="Main">
          <ul className="flex items-center gap-0.5 text-sm font-medium whitespace-nowrap sm:gap-4">
            {NAV.map((item) => (
              <li key={item.href} className={item.mobileOnly ? 'md:hidden' : undefined}>
                <IntentLink href={item.href} className={headerLink}>
                  {item.mobileOnly ? (
                    <>
                      <svg aria-hidden="true" viewBox="0 0 24 24" className={headerIcon}>
                        <circle cx="11" cy="11" r="6" />
                        <path d="m20 20-4.5-4.5" strokeLinecap="round" />
                      </svg>
                      <span className="sr-only">{item.label}</span>
                    </>
                  ) : (
                    <>
                      <span className="sm:hidden">{item.short}</span>
                      <span className="hidden sm:inline">{item.label}</span>
                    </>
                  )}
                </IntentLink>
              </li>
            ))}
            <li>
              {/* The same link for everyone, so the page stays cacheable: /account sends a signed-out visitor to sign in. */}
              <IntentLink href="/account" className={headerLink}>
                <svg
                  aria-hidden="true"
                  viewBox="0 0 24 24"
                  className={clsx(headerIcon, 'sm:hidden')}
                >
                  <circle cx="12" cy="8" r="4" />
                  <path d="M4 21a8 8 0 0 1 16 0" strokeLinecap="round" />
                </svg>
                <span className="sr-only sm:not-sr-only">Account</span>
              </IntentLink>
            </li>
            <li>
              <CartBadge />
            </li>
          </ul>
        </nav>
      </div>
    </header>
  )
}

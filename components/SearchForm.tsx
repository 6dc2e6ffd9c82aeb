import { clsx } from 'clsx'
import { submitButton } from './styles'

/**
 * A search landmark that submits `q` to /search: plain HTML, so it works before (and without)
 * JavaScript. `name` tells the landmarks apart when a page has two.
 */
export function SearchForm({
  name,
  inputId,
  defaultValue,
  placeholder = 'Search guides and products',
  compact = false,
}: {
  name: string
  inputId: string
  defaultValue?: string
  placeholder?: string
  compact?: boolean
}) {
  return (
    <form
      action="/search"
      role="search"
      aria-label={name}
      className={compact ? 'hidden flex-1 justify-center md:flex' : 'mt-6 flex gap-2'}
    >
      <label htmlFor={inputId} className="sr-only">
        Search guides and products
      </label>
      <input
        id={inputId}
        name="q"
        type="search"
        defaultValue={defaultValue}
        placeholder={placeholder}
        className={clsx(
          'rounded-full border text-night placeholder:text-night/50',
          compact
            ? 'w-full max-w-xs border-night/15 bg-white/80 px-4 py-2 text-sm'
            : 'min-w-0 flex-1 border-night/20 bg-white px-5 py-3',
        )}
      />
      {!compact && (
        <button type="submit" className={submitButton}>
          Search
        </button>
      )}
    </form>
  )
}

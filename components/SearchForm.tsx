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
        className={
          compact
            ? 'w-full max-w-xs rounded-full border border-night/15 bg-white/80 px-4 py-2 text-sm text-night placeholder:text-night/50'
            : 'min-w-0 flex-1 rounded-full border border-night/20 bg-white px-5 py-3 text-night placeholder:text-night/50'
        }
      />
      {!compact && (
        <button
          type="submit"
          className="rounded-full bg-night px-6 py-3 font-medium text-cream hover:bg-indigo"
        >
          Search
        </button>
      )}
    </form>
  )
}

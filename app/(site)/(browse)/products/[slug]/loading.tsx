/** The product page's shape while it loads: gallery beside title, price and options. */
export default function ProductLoading() {
  return (
    <div className="mx-auto max-w-6xl animate-pulse px-4 py-10 sm:px-6" aria-busy="true" aria-label="Loading the product">
      <div className="h-4 w-48 rounded bg-night/10" />
      <div className="mt-6 grid gap-10 md:grid-cols-2">
        <div className="aspect-square w-full rounded-3xl bg-night/10" />
        <div className="space-y-4">
          <div className="h-10 w-3/4 rounded-lg bg-night/10" />
          <div className="h-5 w-1/2 rounded bg-night/10" />
          <div className="h-8 w-28 rounded bg-night/10" />
          <div className="flex gap-2">
            <div className="h-10 w-28 rounded-full bg-night/10" />
            <div className="h-10 w-28 rounded-full bg-night/10" />
          </div>
          <div className="h-12 w-40 rounded-full bg-night/10" />
        </div>
      </div>
    </div>
  )
}

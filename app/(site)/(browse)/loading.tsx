/** The pages readers browse, with a skeleton while they load. Checkout and order pages sit outside this group: without a loading boundary above them, a missing order is a real 404 status, not a streamed 200. */
export default function Loading() {
  return (
    <div className="mx-auto max-w-6xl animate-pulse px-4 py-12 sm:px-6" aria-busy="true" aria-label="Loading">
      <div className="h-10 w-2/3 rounded-lg bg-night/10" />
      <div className="mt-4 h-5 w-1/2 rounded bg-night/10" />
      <div className="mt-10 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="aspect-[3/4] rounded-2xl bg-night/10" />
        ))}
      </div>
    </div>
  )
}

/** The article's shape while it loads: title, byline, hero and a few paragraphs. */
export default function ArticleLoading() {
  return (
    <div className="animate-pulse pb-8" aria-busy="true" aria-label="Loading the article">
      <div className="mx-auto max-w-3xl px-4 pt-12 sm:px-6">
        <div className="h-4 w-24 rounded bg-night/10" />
        <div className="mt-4 h-12 w-4/5 rounded-lg bg-night/10" />
        <div className="mt-4 h-5 w-3/5 rounded bg-night/10" />
      </div>
      <div className="mx-auto mt-8 max-w-4xl px-4 sm:px-6">
        <div className="aspect-[16/9] w-full rounded-3xl bg-night/10" />
      </div>
      <div className="mx-auto mt-10 max-w-3xl space-y-4 px-4 sm:px-6">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-4 rounded bg-night/10" style={{ width: `${90 - (i % 3) * 12}%` }} />
        ))}
      </div>
    </div>
  )
}

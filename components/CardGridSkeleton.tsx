/** Four placeholder cards, shaped like a card grid, while a listing loads. */
export function CardGridSkeleton() {
  return (
    <div className="grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
      {Array.from({ length: 4 }, (_, i) => (
        <div key={i} className="aspect-[3/4] rounded-2xl bg-night/10" />
      ))}
    </div>
  )
}

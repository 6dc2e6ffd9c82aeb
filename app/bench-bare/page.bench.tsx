/** The bench's baseline: a page with nothing but Next and React, under the same minimal root layout. */
export default function BenchBare() {
  return <h1>Bare page</h1>
}

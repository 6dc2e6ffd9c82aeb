/** The account pages' form controls, shared so every field looks and focuses the same. */
export const input =
  'mt-1 block w-full rounded-xl border border-night/20 bg-white px-4 py-3 text-night focus-visible:outline-2 focus-visible:outline-indigo'
export const button =
  'rounded-full bg-night px-6 py-3 font-medium text-cream hover:bg-indigo disabled:bg-night/40'
export const quietButton =
  'rounded-full border border-night/20 px-4 py-2 text-sm font-medium text-night hover:bg-night/5'
export const alert = 'rounded-xl bg-amber-50 px-4 py-3 text-amber-900'
export const note = 'rounded-xl bg-sage/25 px-4 py-3 text-night'

import { clsx } from 'clsx'

/**
 * The class lists that several components share, named for what they draw. Each is written in a
 * `tw` template or a `clsx` call, the two places Prettier's Tailwind plugin sorts classes
 * (`tailwindFunctions` in .prettierrc.json).
 */

/** Marks a class list for the Tailwind sorter and returns it as written. */
const tw = String.raw

/** The site's main column, 72rem wide with the header's gutters: header, footer and wide pages. */
export const pageColumn = tw`mx-auto max-w-6xl px-4 sm:px-6`

/** A button's padding and type: `md` for links and one-offs, `lg` in forms, `sm` on cards. */
const BUTTON_SIZES = {
  sm: tw`px-4 py-2 text-sm font-medium`,
  md: tw`px-5 py-2.5 text-sm font-medium`,
  lg: tw`px-6 py-3 font-medium`,
  icon: tw`h-9 w-9 text-lg`,
}
/** A button's colours: dark for the main action, outlined for the next, light on the dark hero. */
const BUTTON_TONES = {
  primary: tw`bg-night text-cream`,
  outline: tw`text-night ring-1 ring-night/20`,
  moon: tw`bg-moon text-night`,
}
/** How a button that starts something answers the pointer and looks while it cannot be pressed. */
const BUTTON_FEEDBACK = {
  primary: tw`hover:bg-indigo disabled:bg-night/40`,
  outline: tw`hover:bg-night/5 disabled:opacity-40`,
  moon: tw`hover:bg-white`,
}

/**
 * A pill-shaped button, or a link drawn as one: `primary` for a page's main action, `outline` for
 * the one beside it, `moon` on the dark hero. `interactive` adds the hover and disabled looks.
 */
export function button({
  tone = 'primary',
  size,
  interactive = false,
}: {
  tone?: keyof typeof BUTTON_TONES
  size: keyof typeof BUTTON_SIZES
  interactive?: boolean
}) {
  return clsx(
    'rounded-full',
    BUTTON_TONES[tone],
    BUTTON_SIZES[size],
    interactive && BUTTON_FEEDBACK[tone],
  )
}

/** A form's submit button: the large primary pill. */
export const submitButton = button({ size: 'lg', interactive: true })

/** The account pages' second button: outlined by a border, a pixel larger than `button`'s ring. */
export const quietButton = clsx(
  BUTTON_SIZES.sm,
  'rounded-full border border-night/20 text-night hover:bg-night/5',
)

/** A link in the site header: dimmed until hovered, with narrower gutters on a phone. */
export const headerLink = clsx(
  'inline-flex rounded-full px-1.5 py-2 sm:px-3',
  'text-night/80 hover:bg-night/5 hover:text-night',
)

/** An outline icon in the header, stroked in its link's colour. */
export const headerIcon = tw`h-5 w-5 fill-none stroke-current stroke-2`

/** The small spaced capitals above a page's title ("Thank you", "404"). */
export const eyebrow = tw`text-sm font-medium tracking-widest text-indigo uppercase`

/** The same above a card's title (a product's category, "Our pick"). */
export const cardEyebrow = tw`text-xs font-medium tracking-wider text-indigo uppercase`

/** A white card with a hairline ring: article cards, the cart, an order's panels. */
export const card = tw`rounded-2xl bg-white ring-1 ring-night/10`

/** A white card with a hairline border, which takes a pixel of layout a ring does not. */
export const borderedCard = tw`rounded-2xl border border-night/10 bg-white`

/** A padded card around one block of a page: an order's items, its address, the cart's summary. */
export const panel = clsx(card, 'p-6')

/** A card that is one link (its title's, stretched by `stretchedLink`): it lifts on hover. */
export const linkedCard = clsx(
  'group relative flex flex-col overflow-hidden',
  'transition hover:shadow-lg',
)

/** Stretches a link over its nearest `relative` ancestor, so the whole card is its target. */
export const stretchedLink = tw`after:absolute after:inset-0 focus-visible:outline-none`

/** A text button that darkens and underlines on hover ("Remove"). */
export const underlineOnHover = tw`underline-offset-2 hover:text-night hover:underline`

/** A form field's label, which holds the field. */
export const fieldLabel = tw`block text-sm font-medium text-night`

/** A full-width text field: the account and order-lookup forms. */
export const textField = clsx(
  'mt-1 block w-full rounded-xl border border-night/20 bg-white px-4 py-3 text-night',
  'focus-visible:outline-2 focus-visible:outline-indigo',
)

/** A small pill-shaped select or input: the sort order, a variant, a promotion code. */
export const pillField = clsx(
  'rounded-full border border-night/20 bg-white',
  'px-3 py-2 text-sm text-night',
)

/** A message that something went wrong. */
export const alert = tw`rounded-xl bg-amber-50 px-4 py-3 text-amber-900`

/** A message that something went through, or what to do next. */
export const note = tw`rounded-xl bg-sage/25 px-4 py-3 text-night`

/** The colours of a status badge: good news, a warning, or a neutral grey. */
export const badgeTone = {
  good: tw`bg-sage/25 text-night`,
  warning: tw`bg-amber-100 text-amber-900`,
  neutral: tw`bg-stone-200 text-stone-700`,
}

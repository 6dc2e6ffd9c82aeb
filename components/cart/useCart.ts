'use client'

import useSWR, { useSWRConfig } from 'swr'
import { itemCount } from '@/lib/cart/count'
import type { PricedCart, PricedLine } from '@/lib/cart/pricing'

type CartResponse = { cart: PricedCart }
type LineRef = { productId: string; variantKey: string }

export class CartError extends Error {}

/** The cart's URL, which is also its key in SWR's cache. */
const CART_KEY = '/api/cart'
/**
 * Units added whose answer has not come yet. A page that has not read the cart (an article: the
 * header's count comes with the page) has no cart to change optimistically; the badge adds these.
 */
const ADDING_KEY = 'cart:adding'

/**
 * The cart lives in a cookie that every cart answer rewrites, reads included. A request sent
 * before the previous answer arrived would carry the old cookie, and its answer would undo that
 * change (two quick adds kept one line). So this tab's cart requests go one at a time.
 */
let previous: Promise<unknown> = Promise.resolve()

function request(method: string, body?: unknown, path = CART_KEY): Promise<CartResponse> {
  const turn = previous.then(() => send(method, body, path))
  previous = turn.catch(() => undefined)
  return turn
}

async function send(method: string, body: unknown, path: string): Promise<CartResponse> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  })
  const json = await res.json().catch(() => ({ error: 'The store did not answer. Please try again.' }))
  if (!res.ok) throw new CartError(json.error ?? 'Something went wrong')
  return json as CartResponse
}

const matches = (line: PricedLine, ref: LineRef) => line.productId === ref.productId && line.variantKey === ref.variantKey

/** An optimistic guess only: the discount and shipping stay as last priced until the server answers. */
function totals(cart: PricedCart, lines: PricedLine[]): PricedCart {
  const subtotal = lines.reduce((sum, l) => sum + l.lineTotal, 0)
  return {
    ...cart,
    lines,
    count: itemCount({ lines }),
    subtotal,
    goodsTotal: Math.max(0, subtotal - cart.discount),
  }
}

/**
 * What changes the cart, without reading it: a component that only adds or clears (an add-to-cart
 * button, of which an article has several) does not subscribe to the cart, so it neither hydrates
 * an SWR subscription nor re-renders when the cart arrives. Changes show at once (optimistic) and
 * roll back if the server refuses them; the server's answer, priced from the lake, always wins.
 * Where no cart has been read, an add shows at once in the header's count only (ADDING_KEY).
 */
export function useCartActions() {
  const { mutate } = useSWRConfig()

  const change = (method: string, body: unknown, optimistic: (cart: PricedCart) => PricedCart) =>
    mutate<CartResponse>(CART_KEY, request(method, body), {
      optimisticData: (current) => (current ? { cart: optimistic(current.cart) } : (undefined as never)),
      rollbackOnError: true,
      populateCache: true,
      revalidate: false,
    })

  return {
    refresh: () => mutate(CART_KEY),
    add: async (line: LineRef & { quantity?: number; sourceArticle?: string }) => {
      const units = line.quantity ?? 1
      const adding = (delta: number) => mutate<number>(ADDING_KEY, (count = 0) => count + delta, { revalidate: false })
      await adding(units)
      try {
        return await change('POST', line, (cart) => {
          const existing = cart.lines.find((l) => matches(l, line))
          if (!existing) return { ...cart, count: cart.count + units }
          return totals(
            cart,
            cart.lines.map((l) =>
              l === existing ? { ...l, quantity: l.quantity + units, lineTotal: l.unitAmount * (l.quantity + units) } : l,
            ),
          )
        })
      } finally {
        void adding(-units)
      }
    },
    setQuantity: (ref: LineRef, quantity: number) =>
      change('PATCH', { ...ref, quantity }, (cart) =>
        totals(
          cart,
          cart.lines.flatMap((l) =>
            !matches(l, ref) ? [l] : quantity === 0 ? [] : [{ ...l, quantity, lineTotal: l.unitAmount * Math.min(quantity, l.available) }],
          ),
        ),
      ),
    remove: (ref: LineRef) =>
      change('DELETE', ref, (cart) =>
        totals(
          cart,
          cart.lines.filter((l) => !matches(l, ref)),
        ),
      ),
    clear: () => change('DELETE', undefined, (cart) => totals(cart, [])),
    /** Codes are checked by the server only: no optimistic guess at a discount. */
    applyCode: (code: string) =>
      mutate<CartResponse>(CART_KEY, request('POST', { code }, '/api/cart/promotion'), { populateCache: true, revalidate: false }),
    removeCode: () =>
      mutate<CartResponse>(CART_KEY, request('DELETE', undefined, '/api/cart/promotion'), { populateCache: true, revalidate: false }),
  }
}

/**
 * The header's count. The server renders it from the cart cookie (cartCountForRequest), so a page
 * load asks the cart API nothing; the badge follows the cart once this page reads or changes it,
 * and when the tab regains focus (another tab may have changed it).
 */
export function useCartCount(serverCount: number) {
  const { data } = useSWR<CartResponse>(CART_KEY, () => request('GET'), { revalidateOnMount: false, revalidateOnFocus: true })
  const { data: adding = 0 } = useSWR<number>(ADDING_KEY, null)
  return data ? data.cart.count : serverCount + adding
}

/** The cart itself, shared by every component that shows it through SWR, with the actions above. */
export function useCart() {
  const { data, error, isLoading } = useSWR<CartResponse>(CART_KEY, () => request('GET'), { revalidateOnFocus: true })
  return { cart: data?.cart, error: error as Error | undefined, isLoading, ...useCartActions() }
}
